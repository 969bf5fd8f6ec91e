import { forwardRef, useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import '../styles/forms.css';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'>;

interface FieldExtras {
  label: string;
  error?: string;
  hint?: ReactNode;
  /** Ids of further elements that describe the input (e.g. a password checklist). */
  describedBy?: string;
  /** Content after the input, inside the field (e.g. a live check). */
  after?: ReactNode;
}

const describe = (...ids: (string | undefined | null | false)[]) => ids.filter(Boolean).join(' ') || undefined;

/** A labelled input with its hint and error wired up for assistive technology. */
export const Field = forwardRef<HTMLInputElement, InputProps & FieldExtras>(function Field(
  { label, error, hint, describedBy, after, className, type, ...input },
  ref,
) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const [revealed, setRevealed] = useState(false);
  const isPassword = type === 'password';
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
          aria-describedby={describe(hint ? hintId : undefined, error ? errorId : undefined, describedBy)}
          {...input}
        />
        {isPassword ? (
          <button
            type="button"
            className="input-action"
            aria-label={`${revealed ? 'Hide' : 'Show'} ${label.toLowerCase()}`}
            aria-pressed={revealed}
            aria-controls={id}
            onClick={() => setRevealed((r) => !r)}
          >
            {revealed ? 'Hide' : 'Show'}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="field-error" id={errorId}>
          <span aria-hidden="true" className="field-error-icon">
            !
          </span>
          {error}
        </p>
      ) : null}
      {after}
    </div>
  );
});

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'aria-invalid' | 'aria-describedby'>;

/** A labelled select, wired like Field. */
export const SelectField = forwardRef<HTMLSelectElement, SelectProps & Omit<FieldExtras, 'after'>>(function SelectField(
  { label, error, hint, describedBy, className, children, ...select },
  ref,
) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <select
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describe(hint ? hintId : undefined, error ? errorId : undefined, describedBy)}
        {...select}
      >
        {children}
      </select>
      {error ? (
        <p className="field-error" id={errorId}>
          <span aria-hidden="true" className="field-error-icon">
            !
          </span>
          {error}
        </p>
      ) : null}
    </div>
  );
});
