import { forwardRef, useId, useState, type InputHTMLAttributes, type ReactNode } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'>;

/** A labelled input with its hint and error wired up for assistive technology. */
export const Field = forwardRef<HTMLInputElement, InputProps & { label: string; error?: string; hint?: ReactNode }>(
  function Field({ label, error, hint, className, type, ...input }, ref) {
    const id = useId();
    const hintId = `${id}-hint`;
    const errorId = `${id}-error`;
    const [revealed, setRevealed] = useState(false);
    const isPassword = type === 'password';
    const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
    return (
      <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <p className="field-hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        <div className={isPassword ? 'input-with-action' : undefined}>
          <input
            ref={ref}
            id={id}
            type={isPassword && revealed ? 'text' : type}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            {...input}
          />
          {isPassword ? (
            <button
              type="button"
              className="input-action"
              aria-label={`${revealed ? 'Hide' : 'Show'} ${label.toLowerCase()}`}
              aria-controls={id}
              onClick={() => setRevealed((r) => !r)}
            >
              {revealed ? 'Hide' : 'Show'}
            </button>
          ) : null}
        </div>
        {error ? (
          <p className="field-error" id={errorId}>
            <span aria-hidden="true" className="field-error-icon">!</span>
            {error}
          </p>
        ) : null}
      </div>
    );
  },
);
