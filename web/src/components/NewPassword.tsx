import { useEffect, useId, useMemo, useState, type Ref } from 'react';
import { checkPassword, passwordRules, type PasswordPolicy } from '../password';
import { Field } from './Field';
import './NewPassword.css';

export interface NewPasswordProps {
  policy?: PasswordPolicy;
  /** Words the password should not contain: the user's name, their email address. */
  personal?: string[];
  /** The account's email, for password managers (a hidden username field). */
  username?: string;
  password: string;
  confirm: string;
  onPassword(value: string): void;
  onConfirm(value: string): void;
  errors: { password?: string; confirm?: string };
  passwordRef?: Ref<HTMLInputElement>;
  confirmRef?: Ref<HTMLInputElement>;
}

/**
 * New password + confirmation, with the policy as a live checklist (✓ per rule met) and a
 * strength meter. The input is described by both; a polite live region sums up the
 * progress once the user pauses typing, so screen readers are not interrupted per key.
 */
export function NewPassword({ policy, personal = [], username, password, confirm, onPassword, onConfirm, errors, passwordRef, confirmRef }: NewPasswordProps) {
  const id = useId();
  const rulesId = `${id}-rules`;
  const rulesHeadingId = `${id}-rules-heading`;
  const strengthId = `${id}-strength`;
  const rules = useMemo(() => passwordRules(policy), [policy]);
  const check = checkPassword(password, rules, personal, policy?.maxLength);
  const [announcement, setAnnouncement] = useState('');
  const [confirmTouched, setConfirmTouched] = useState(false);

  const summary = !password
    ? ''
    : check.allMet
      ? `All requirements met. Strength: ${check.label}.`
      : `${check.metCount} of ${check.checkableCount} requirements met. Strength: ${check.label}.`;
  useEffect(() => {
    const timer = setTimeout(() => setAnnouncement(summary), 700);
    return () => clearTimeout(timer);
  }, [summary]);

  const matches = confirm.length > 0 && confirm === password;
  const showMismatch = !errors.confirm && confirmTouched && confirm.length > 0 && confirm !== password;

  return (
    <>
      {username ? <input type="text" name="username" autoComplete="username" value={username} readOnly hidden /> : null}
      <Field
        ref={passwordRef}
        label="New password"
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        error={errors.password}
        describedBy={`${rulesHeadingId} ${rulesId} ${strengthId}`}
        after={
          <div className="pw-help">
            <p className="pw-rules-heading" id={rulesHeadingId}>
              Your password needs:
            </p>
            <ul className="pw-rules" id={rulesId}>
              {check.results.map(({ rule, met }) => (
                <li key={rule.id} className={met ? 'is-met' : met === false ? 'is-unmet' : 'is-unknown'}>
                  <span className="pw-rule-mark" aria-hidden="true">
                    {met ? '✓' : met === false ? '' : '•'}
                  </span>
                  <span>
                    {rule.label}
                    {met !== undefined ? <span className="visually-hidden">{met ? ' (done)' : ' (not yet)'}</span> : null}
                  </span>
                </li>
              ))}
            </ul>
            <div className={`pw-strength pw-level-${check.level}`} id={strengthId}>
              <div className="pw-meter" aria-hidden="true">
                {[1, 2, 3, 4].map((n) => (
                  <span key={n} className={n <= check.level ? 'is-on' : undefined} />
                ))}
              </div>
              <p className="pw-strength-text">
                Strength: <strong>{check.label || 'not set yet'}</strong>
                {check.tip ? <span className="pw-tip"> {check.tip}</span> : null}
              </p>
            </div>
            <p className="visually-hidden" aria-live="polite" aria-atomic="true">
              {announcement}
            </p>
          </div>
        }
      />
      <Field
        ref={confirmRef}
        label="Confirm new password"
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        onBlur={() => setConfirmTouched(true)}
        error={errors.confirm ?? (showMismatch ? 'The two passwords do not match yet' : undefined)}
        after={
          <p className="pw-match" aria-live="polite">
            {matches && !errors.confirm ? (
              <>
                <span className="pw-rule-mark is-met" aria-hidden="true">
                  ✓
                </span>{' '}
                Passwords match
              </>
            ) : null}
          </p>
        }
      />
    </>
  );
}

/** Errors to show on submit, or none when the pair can be sent. */
export function validateNewPassword(password: string, confirm: string, policy?: PasswordPolicy): { password?: string; confirm?: string } {
  const check = checkPassword(password, passwordRules(policy), [], policy?.maxLength);
  const errors: { password?: string; confirm?: string } = {};
  if (!password) errors.password = 'Choose a password';
  else if (check.tooLong) errors.password = check.tip ?? 'The password is too long';
  else if (!check.allMet) {
    const missing = check.results
      .filter((r) => r.met === false)
      .map((r) =>
        r.rule.label
          .replace(/,? such as.*$/, '')
          .replace(/ \(.*\)$/, '')
          .toLowerCase(),
      );
    errors.password = `The password still needs: ${missing.join(', ')}`;
  }
  if (!confirm) errors.confirm = 'Type the password again to confirm it';
  else if (confirm !== password) errors.confirm = 'The two passwords do not match';
  return errors;
}
