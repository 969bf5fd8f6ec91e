import { useEffect, useId, useRef, type ReactNode } from 'react';
import { CloseIcon } from './Icons';
import './Dialog.css';

/**
 * A modal dialog on the native <dialog> (showModal): the rest of the page is inert while
 * it is open, Escape closes it, it is labelled by its title and described by `intro`.
 * Focus goes to the element marked `data-autofocus` (else the first control) and back to
 * whatever opened it on close. While `busy`, Escape and the close button do nothing.
 */
export function Dialog({
  open,
  onClose,
  title,
  intro,
  children,
  busy = false,
  className = '',
}: {
  open: boolean;
  onClose(): void;
  title: ReactNode;
  intro?: ReactNode;
  children: ReactNode;
  busy?: boolean;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const id = useId();
  const titleId = `${id}-title`;
  const introId = `${id}-intro`;
  const busyRef = useRef(busy);
  busyRef.current = busy;
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      const first = dialog.querySelector<HTMLElement>('[data-autofocus]');
      first?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  // Closed by any means (Escape, our own close): tell the owner and put focus back.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onNativeClose = () => {
      onCloseRef.current();
      const target = returnTo.current;
      returnTo.current = null;
      if (target?.isConnected) target.focus();
    };
    const onCancel = (e: Event) => {
      if (busyRef.current) e.preventDefault();
    };
    dialog.addEventListener('close', onNativeClose);
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('close', onNativeClose);
      dialog.removeEventListener('cancel', onCancel);
    };
  }, []);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click is the mouse's Escape; the keyboard has Escape itself (a native dialog)
    <dialog
      ref={ref}
      className={`dialog ${className}`.trim()}
      aria-labelledby={titleId}
      aria-describedby={intro ? introId : undefined}
      onClick={(e) => {
        // A click on the backdrop (outside the panel) closes it.
        if (e.target === ref.current && !busyRef.current) ref.current?.close();
      }}
    >
      {open ? (
        <div className="dialog-panel">
          <div className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="dialog-close" aria-label="Close" disabled={busy} onClick={() => ref.current?.close()}>
              <CloseIcon />
            </button>
          </div>
          {intro ? (
            <div className="dialog-intro" id={introId}>
              {intro}
            </div>
          ) : null}
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
