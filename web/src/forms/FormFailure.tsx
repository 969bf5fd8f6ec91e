import '../styles/forms.css';

/**
 * A form's failure, announced as it appears: the live region is always there (an alert
 * added with its text is not read by every screen reader), its sentence only on failure.
 */
export function FormFailure({ text }: { text: string }) {
  return (
    <div className="form-error" role="alert">
      {text ? <p>{text}</p> : null}
    </div>
  );
}
