/**
 * The password policy as the site states and checks it while the user types. The API
 * decides (shared/api/common.ts `password`, from shared/limits.ts); this mirrors it so the user sees each rule
 * met before submitting. An invitation names its rules (`InvitationInfo.passwordRules`);
 * a requirement the site does not recognise is still shown, just not ticked live.
 */
import { LIMITS } from '../../shared/limits';

const PASSWORD_RULES = { minLength: LIMITS.password.min, maxLength: LIMITS.password.max };

export interface PasswordPolicy {
  minLength: number;
  maxLength?: number;
  /** Requirements besides the length, e.g. `lowercase`, `uppercase`, `digit`, `symbol`. */
  requires: string[];
}

export const DEFAULT_POLICY: PasswordPolicy = {
  minLength: PASSWORD_RULES.minLength,
  maxLength: PASSWORD_RULES.maxLength,
  requires: ['lowercase', 'uppercase', 'digit', 'symbol'],
};

export interface PasswordRule {
  id: string;
  label: string;
  /** Absent for a requirement the site cannot check itself. */
  test?: (password: string) => boolean;
}

const KNOWN: { match: RegExp; id: string; label: string; test: (p: string) => boolean }[] = [
  { match: /lower/i, id: 'lowercase', label: 'A lower-case letter (a–z)', test: (p) => /[a-z]/.test(p) },
  { match: /upper|capital/i, id: 'uppercase', label: 'An upper-case letter (A–Z)', test: (p) => /[A-Z]/.test(p) },
  { match: /digit|number|numeric/i, id: 'digit', label: 'A number (0–9)', test: (p) => /[0-9]/.test(p) },
  { match: /symbol|special|punctuation/i, id: 'symbol', label: 'A symbol, such as ! ? # or %', test: (p) => /[^A-Za-z0-9]/.test(p) },
];

/** The checklist for a policy: the length first, then each requirement. */
export function passwordRules(policy: PasswordPolicy = DEFAULT_POLICY): PasswordRule[] {
  const min = Number.isFinite(policy.minLength) && policy.minLength > 0 ? policy.minLength : DEFAULT_POLICY.minLength;
  const rules: PasswordRule[] = [{ id: 'length', label: `At least ${min} characters`, test: (p) => [...p].length >= min }];
  const seen = new Set<string>();
  for (const requirement of policy.requires) {
    const known = KNOWN.find((k) => k.match.test(requirement));
    if (known) {
      if (seen.has(known.id)) continue;
      seen.add(known.id);
      rules.push({ id: known.id, label: known.label, test: known.test });
    } else {
      const text = requirement.trim();
      if (text) rules.push({ id: `other-${rules.length}`, label: text.charAt(0).toUpperCase() + text.slice(1) });
    }
  }
  return rules;
}

export type StrengthLevel = 0 | 1 | 2 | 3 | 4;

export interface PasswordCheck {
  results: { rule: PasswordRule; met: boolean | undefined }[];
  /** Every rule the site can check is met. */
  allMet: boolean;
  metCount: number;
  checkableCount: number;
  tooLong: boolean;
  /** 0 empty, 1 too weak, 2 fair, 3 good, 4 strong. */
  level: StrengthLevel;
  label: string;
  /** Advice for a better password, when there is any. */
  tip?: string;
}

const COMMON = [
  'password',
  'passw0rd',
  'qwerty',
  'letmein',
  'welcome',
  'admin',
  'iloveyou',
  'abc123',
  '123456',
  '12345678',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'portal',
];

const LABELS: Record<StrengthLevel, string> = { 0: '', 1: 'Too weak', 2: 'Fair', 3: 'Good', 4: 'Strong' };

/** Checks a password against the rules and rates it; `personal` are words it should not contain (name, email). */
export function checkPassword(password: string, rules: PasswordRule[], personal: string[] = [], maxLength: number = PASSWORD_RULES.maxLength): PasswordCheck {
  const results = rules.map((rule) => ({ rule, met: rule.test ? rule.test(password) : undefined }));
  const checkable = results.filter((r) => r.met !== undefined);
  const metCount = checkable.filter((r) => r.met).length;
  const tooLong = password.length > maxLength;
  const allMet = metCount === checkable.length && !tooLong;
  const base = { results, allMet, metCount, checkableCount: checkable.length, tooLong };
  if (!password) return { ...base, level: 0, label: LABELS[0] };
  if (!allMet) {
    return { ...base, level: 1, label: LABELS[1], tip: tooLong ? `Use at most ${maxLength} characters.` : undefined };
  }
  const lower = password.toLowerCase();
  const words = personal.flatMap((w) => w.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  const predictable =
    COMMON.some((w) => lower.includes(w)) ||
    words.some((w) => lower.includes(w)) ||
    /(.)\1\1/.test(password) ||
    new Set(password).size < 6 ||
    /(?:0123|1234|2345|3456|4567|5678|6789|abcd|bcde|cdef|qwer|asdf)/.test(lower);
  if (predictable) {
    return { ...base, level: 2, label: LABELS[2], tip: 'Avoid your name, your email address, common words and runs like 1234 or aaa.' };
  }
  if ([...password].length < 16) {
    return { ...base, level: 3, label: LABELS[3], tip: 'A longer password, such as a few unrelated words, is even stronger.' };
  }
  return { ...base, level: 4, label: LABELS[4] };
}
