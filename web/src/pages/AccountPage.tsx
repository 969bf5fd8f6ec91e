import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { MeResponse, ProfileField } from '../../../shared/api/access';
import type { Address } from '../../../shared/api/common';
import { LIMITS } from '../../../shared/limits';
import { call, errorSentence, fieldErrors, isRefusal, problemMessage, problemSlug } from '../api';
import { countries, countryName } from '../countries';
import { Field, SelectField } from '../components/Field';
import type { DocumentsMe } from '../documents/kinds';
import { CheckCircleIcon } from '../components/Icons';
import { useMe, useSession } from '../session';
import { SigningPinSection } from './SigningPinSection';
import { usePageTitle, useTenant } from '../tenant';
import './AccountPage.css';

const ADDRESS_KEYS = ['line1', 'line2', 'city', 'region', 'postcode', 'country'] as const;
type AddressKey = (typeof ADDRESS_KEYS)[number];
type AddressForm = Record<AddressKey, string>;
type Errors = Record<string, string | undefined>;

const PHONE = /^[+0-9 ()-]*$/;
const ADDRESS_LIMITS: Record<AddressKey, number> = LIMITS.address;

/** Field names as the API's errors name them (`body.` removed), with the label each has on the page. */
const FIELD_LABELS: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  phone: 'Phone',
  address: 'Address',
  'address.line1': 'Address line 1',
  'address.line2': 'Address line 2',
  'address.city': 'Town or city',
  'address.region': 'County, state or region',
  'address.postcode': 'Postcode',
  'address.country': 'Country',
};

/** The API's field errors, as sentences, keyed as the page's fields are. */
function apiFieldErrors(err: unknown): Errors {
  const out: Errors = {};
  for (const [key, reason] of Object.entries(fieldErrors(err))) out[key] = errorSentence(FIELD_LABELS[key] ?? 'This field', reason);
  return out;
}

const KIND_LABELS: Record<MeResponse['company']['kind'], string> = {
  customer: 'Customer',
  supplier: 'Supplier',
  both: 'Customer and supplier',
};

function addressForm(address: Address | undefined): AddressForm {
  return {
    line1: address?.line1 ?? '',
    line2: address?.line2 ?? '',
    city: address?.city ?? '',
    region: address?.region ?? '',
    postcode: address?.postcode ?? '',
    country: address?.country ?? '',
  };
}

/** The address as the API takes it: trimmed strings (empty clears a line); no country rather than an empty one. */
export function addressBody(form: AddressForm): Address {
  const out: Address = {};
  for (const key of ADDRESS_KEYS) {
    const value = form[key].trim();
    if (key === 'country') {
      if (value) out.country = value.toUpperCase();
    } else out[key] = value;
  }
  return out;
}

const sameAddress = (a: AddressForm, b: AddressForm) => ADDRESS_KEYS.every((k) => a[k].trim() === b[k].trim());

/** One line per part, for showing an address that cannot be edited here. */
function addressLines(address: Address | undefined): string[] {
  if (!address) return [];
  return [address.line1, address.line2, [address.city, address.region].filter(Boolean).join(', '), address.postcode, countryName(address.country)].filter(
    (l): l is string => !!l && l.trim().length > 0,
  );
}

function validateAddress(form: AddressForm, errors: Errors): void {
  for (const key of ADDRESS_KEYS) {
    if (key !== 'country' && form[key].trim().length > ADDRESS_LIMITS[key]) errors[`address.${key}`] = `Use at most ${ADDRESS_LIMITS[key]} characters`;
  }
}

function validatePhone(phone: string, errors: Errors, key = 'phone'): void {
  if (phone.trim().length > 40) errors[key] = 'Use at most 40 characters';
  else if (!PHONE.test(phone.trim())) errors[key] = 'Use digits, spaces, +, - and brackets only';
}

/** Saving state of one form: the status line (polite) and the failure (assertive). */
function useSave() {
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState('');

  /**
   * Sends one save and reports it: the success message, or the API's field errors with
   * the focus on the first; an account refusal is left to the session, which replaces
   * the page.
   */
  async function send(
    request: () => Promise<unknown>,
    on: { saved: () => void; message: string; fieldErrors: (errors: Errors) => void; focusFirstInvalid: () => void },
  ) {
    setSaving(true);
    try {
      await request();
      on.saved();
      setStatus(on.message);
    } catch (err) {
      if (isRefusal(problemSlug(err))) return;
      on.fieldErrors(apiFieldErrors(err));
      setFailure(problemMessage(err));
      on.focusFirstInvalid();
    } finally {
      setSaving(false);
    }
  }

  return { saving, setSaving, status, setStatus, failure, setFailure, send };
}

function ReadOnly({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function AddressValue({ address }: { address: Address | undefined }) {
  const lines = addressLines(address);
  if (lines.length === 0) return <span className="muted">Not given</span>;
  return (
    <>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an address's lines, fixed in order
        <span key={i} className="address-line">
          {line}
        </span>
      ))}
    </>
  );
}

function AddressFields({
  legend,
  value,
  onChange,
  errors,
  section,
}: {
  legend: string;
  value: AddressForm;
  onChange(next: AddressForm): void;
  errors: Errors;
  /** autocomplete section, so a browser fills the company's address apart from the person's. */
  section?: string;
}) {
  const auto = (token: string) => (section ? `section-${section} ${token}` : token);
  const set = (key: AddressKey) => (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value });
  const list = countries();
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <div className="form-grid">
        <Field
          className="span-2"
          label="Address line 1"
          name="line1"
          autoComplete={auto('address-line1')}
          value={value.line1}
          onChange={set('line1')}
          error={errors['address.line1']}
          maxLength={ADDRESS_LIMITS.line1}
        />
        <Field
          className="span-2"
          label="Address line 2"
          name="line2"
          autoComplete={auto('address-line2')}
          value={value.line2}
          onChange={set('line2')}
          error={errors['address.line2']}
          maxLength={ADDRESS_LIMITS.line2}
        />
        <Field
          label="Town or city"
          name="city"
          autoComplete={auto('address-level2')}
          value={value.city}
          onChange={set('city')}
          error={errors['address.city']}
          maxLength={ADDRESS_LIMITS.city}
        />
        <Field
          label="County, state or region"
          name="region"
          autoComplete={auto('address-level1')}
          value={value.region}
          onChange={set('region')}
          error={errors['address.region']}
          maxLength={ADDRESS_LIMITS.region}
        />
        <Field
          label="Postcode"
          name="postcode"
          autoComplete={auto('postal-code')}
          value={value.postcode}
          onChange={set('postcode')}
          error={errors['address.postcode']}
          maxLength={ADDRESS_LIMITS.postcode}
        />
        <SelectField
          label="Country"
          name="country"
          autoComplete={auto('country')}
          value={value.country}
          onChange={set('country')}
          error={errors['address.country']}
        >
          <option value="">{value.country ? 'Keep as it is' : 'Choose a country'}</option>
          {list.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>
    </fieldset>
  );
}

function SaveBar({ saving, status, label }: { saving: boolean; status: string; label: string }) {
  return (
    <div className="save-bar">
      <button type="submit" className="btn btn-primary" disabled={saving}>
        {saving ? 'Saving…' : label}
      </button>
      <p className="save-status" role="status">
        {status ? (
          <>
            <span className="save-status-icon" aria-hidden="true">
              <CheckCircleIcon />
            </span>
            {status}
          </>
        ) : null}
      </p>
    </div>
  );
}

/**
 * A form whose first invalid input (in document order) takes the focus once the errors
 * have rendered: the request bumps a counter, and an effect, which runs after React has
 * committed, moves the focus.
 */
function useFocusFirstInvalid() {
  const formRef = useRef<HTMLFormElement>(null);
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [request]);
  return { formRef, focusFirstInvalid: () => setRequest((n) => n + 1) };
}

function PersonalDetails({ me, editable }: { me: MeResponse; editable: Set<ProfileField> }) {
  const tenant = useTenant();
  const { revalidate } = useSession();
  const headingId = useId();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const initial = { firstName: me.user.firstName, lastName: me.user.lastName, phone: me.user.phone ?? '', address: addressForm(me.user.address) };
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const save = useSave();
  const canName = editable.has('name');
  const canPhone = editable.has('phone');
  const canAddress = editable.has('address');
  const anyEditable = canName || canPhone || canAddress;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (save.saving) return;
    const found: Errors = {};
    if (canName) {
      if (!form.firstName.trim()) found.firstName = 'Enter your first name';
      else if (form.firstName.trim().length > LIMITS.personName) found.firstName = `Use at most ${LIMITS.personName} characters`;
      if (!form.lastName.trim()) found.lastName = 'Enter your last name';
      else if (form.lastName.trim().length > LIMITS.personName) found.lastName = `Use at most ${LIMITS.personName} characters`;
    }
    if (canPhone) validatePhone(form.phone, found);
    if (canAddress) validateAddress(form.address, found);
    setErrors(found);
    save.setFailure('');
    save.setStatus('');
    if (Object.keys(found).length > 0) return focusFirstInvalid();

    const body: Record<string, unknown> = {};
    if (canName && form.firstName.trim() !== saved.firstName) body.firstName = form.firstName.trim();
    if (canName && form.lastName.trim() !== saved.lastName) body.lastName = form.lastName.trim();
    if (canPhone && form.phone.trim() !== saved.phone) body.phone = form.phone.trim();
    if (canAddress && !sameAddress(form.address, saved.address)) body.address = addressBody(form.address);
    if (Object.keys(body).length === 0) {
      save.setStatus('Nothing to save: you have not changed anything.');
      return;
    }
    await save.send(() => call('PATCH /api/me', { body }), {
      saved: () => {
        const next = { ...form, firstName: form.firstName.trim(), lastName: form.lastName.trim(), phone: form.phone.trim() };
        setSaved(next);
        setForm(next);
        void revalidate();
      },
      message: 'Your details have been saved.',
      fieldErrors: setErrors,
      focusFirstInvalid,
    });
  }

  const readOnly = (
    <dl className="details details-stacked">
      {!canName ? <ReadOnly label="Name">{[me.user.firstName, me.user.lastName].filter(Boolean).join(' ')}</ReadOnly> : null}
      <ReadOnly label="Email">
        <span className="break-anywhere">{me.user.email}</span>
      </ReadOnly>
      {!canPhone ? <ReadOnly label="Phone">{me.user.phone || <span className="muted">Not given</span>}</ReadOnly> : null}
      {!canAddress ? (
        <ReadOnly label="Address">
          <AddressValue address={me.user.address} />
        </ReadOnly>
      ) : null}
    </dl>
  );

  return (
    <section className="card form-card" aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId}>Your details</h2>
      </div>
      {readOnly}
      <p className="card-note">
        {anyEditable
          ? `To change the email address you sign in with, please contact ${tenant.name}.`
          : `These details are kept up to date by ${tenant.name}. Please contact them if anything needs changing.`}
      </p>
      {anyEditable ? (
        <form ref={formRef} className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={save.saving} aria-labelledby={headingId}>
          <div className="form-error" aria-live="assertive" aria-atomic="true">
            {save.failure ? (
              <p>
                <strong>Your details were not saved.</strong> {save.failure}
              </p>
            ) : null}
          </div>
          {canName ? (
            <div className="form-grid">
              <Field
                label="First name"
                name="firstName"
                autoComplete="given-name"
                value={form.firstName}
                onChange={(e) => setForm({ ...form, firstName: e.target.value })}
                error={errors.firstName}
                maxLength={LIMITS.personName}
              />
              <Field
                label="Last name"
                name="lastName"
                autoComplete="family-name"
                value={form.lastName}
                onChange={(e) => setForm({ ...form, lastName: e.target.value })}
                error={errors.lastName}
                maxLength={LIMITS.personName}
              />
            </div>
          ) : null}
          {canPhone ? (
            <Field
              label="Phone"
              name="phone"
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              value={form.phone}
              onChange={(e) => setForm({ ...form, phone: e.target.value })}
              error={errors.phone}
              maxLength={LIMITS.phone}
            />
          ) : null}
          {canAddress ? (
            <AddressFields legend="Your address" value={form.address} onChange={(address) => setForm({ ...form, address })} errors={errors} />
          ) : null}
          <SaveBar saving={save.saving} status={save.status} label="Save my details" />
        </form>
      ) : null}
    </section>
  );
}

function CompanyDetails({ me, editable }: { me: MeResponse; editable: Set<ProfileField> }) {
  const tenant = useTenant();
  const { revalidate } = useSession();
  const headingId = useId();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const initial = addressForm(me.company.address);
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const save = useSave();
  const canAddress = editable.has('companyAddress');

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (save.saving) return;
    const found: Errors = {};
    validateAddress(form, found);
    setErrors(found);
    save.setFailure('');
    save.setStatus('');
    if (Object.keys(found).length > 0) return focusFirstInvalid();
    if (sameAddress(form, saved)) {
      save.setStatus('Nothing to save: you have not changed anything.');
      return;
    }
    await save.send(() => call('PATCH /api/me/company', { body: { address: addressBody(form) } }), {
      saved: () => {
        setSaved(form);
        void revalidate();
      },
      message: "Your company's address has been saved.",
      fieldErrors: setErrors,
      focusFirstInvalid,
    });
  }

  return (
    <section className="card form-card" aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId}>Your company</h2>
      </div>
      <dl className="details details-stacked">
        <ReadOnly label="Company">{me.company.name}</ReadOnly>
        <ReadOnly label="Account type">{KIND_LABELS[me.company.kind] ?? me.company.kind}</ReadOnly>
        <ReadOnly label="Phone">{me.company.phone || <span className="muted">Not given</span>}</ReadOnly>
        {!canAddress ? (
          <ReadOnly label="Address">
            <AddressValue address={me.company.address} />
          </ReadOnly>
        ) : null}
      </dl>
      <p className="card-note">
        {canAddress
          ? `For any other change to your company's details, please contact ${tenant.name}.`
          : `Your company's details are kept up to date by ${tenant.name}. Please contact them if anything needs changing.`}
      </p>
      {canAddress ? (
        <form ref={formRef} className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={save.saving} aria-labelledby={headingId}>
          <div className="form-error" aria-live="assertive" aria-atomic="true">
            {save.failure ? (
              <p>
                <strong>The address was not saved.</strong> {save.failure}
              </p>
            ) : null}
          </div>
          <AddressFields legend="Company address" section="company" value={form} onChange={setForm} errors={errors} />
          <SaveBar saving={save.saving} status={save.status} label="Save company address" />
        </form>
      ) : null}
    </section>
  );
}

/** `/account`: My Details — the user's and their company's details, editable where the tenant allows. */
export function AccountPage() {
  usePageTitle('My details');
  const me = useMe();
  const tenant = useTenant();
  const canWrite = me.permissions.includes('profile:write');
  const editable = new Set<ProfileField>(canWrite ? me.editableFields : []);
  return (
    <div className="page">
      <div className="page-head">
        <h1>My details</h1>
        <p className="lead">Keep your contact details up to date so {tenant.name} can reach you.</p>
      </div>
      <div className="account-grid">
        <PersonalDetails me={me} editable={editable} />
        <CompanyDetails me={me} editable={editable} />
        {me.permissions.includes('orders:sign') ? <SigningPinSection me={me as DocumentsMe} /> : null}
      </div>
    </div>
  );
}
