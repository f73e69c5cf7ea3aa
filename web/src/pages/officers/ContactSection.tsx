import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { CheckboxField, FieldGroup } from '../../components/Fields.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api, type Officer } from '../../lib/api.ts';
import { useFocusLater, useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';
import { DetailsList } from './parts.tsx';

interface ContactDraft {
  key: number;
  name: string;
  relationship: string;
  phone: string;
  email: string;
  nextOfKin: boolean;
}

let nextKey = 1;

/**
 * How to reach the officer, and whom to call in an emergency. Emergency contacts are sensitive:
 * whoever may not see them is told so. The officer themself (self-service) and program officers
 * correct them.
 */
export function ContactSection({
  officer,
  onChanged,
  self = false,
}: {
  officer: Officer;
  onChanged(): void;
  /** The officer's own profile: "your" wording. */
  self?: boolean;
}) {
  const { t } = useTranslation('people');
  const auth = useAuth();
  const notice = useSuccessNotice();
  const [editing, setEditing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<'form' | 'button' | null>(null);
  useEffect(() => {
    if (focusTarget === 'form') heading.current?.focus();
    if (focusTarget === 'button') button.current?.focus();
  }, [focusTarget]);
  // The officer themself, or program staff; and only when the contacts are visible (a PUT
  // replaces them all).
  const canEdit = auth.can('officer.contacts.update') && officer.contacts !== null;
  const none = t('detail.notRecorded');

  return (
    <section aria-labelledby="officer-contact">
      <h2 id="officer-contact">{t('contact.heading')}</h2>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      {editing ? (
        <div className="form-panel">
          <h3 id="contact-form-heading" tabIndex={-1} ref={heading}>
            {self ? t('contact.editOwnHeading') : t('contact.editHeading')}
          </h3>
          <ContactsForm
            officer={officer}
            onSaved={() => {
              setEditing(false);
              setFocusTarget(null);
              notice.show(t('contact.saved'));
              onChanged();
            }}
            onCancel={() => {
              setEditing(false);
              setFocusTarget('button');
            }}
          />
        </div>
      ) : (
        <>
          <DetailsList
            rows={[
              [
                t('fields.email'),
                officer.email ? <a href={`mailto:${officer.email}`}>{officer.email}</a> : none,
              ],
              [t('fields.phone'), officer.phone ?? none],
            ]}
          />
          <h3 id="officer-emergency">{t('contact.emergencyHeading')}</h3>
          {officer.contacts === null ? (
            <p className="help">{t('sensitive.contacts')}</p>
          ) : officer.contacts.length === 0 ? (
            <p>{self ? t('contact.noneOwn') : t('contact.none')}</p>
          ) : (
            <div className="table-wrapper">
              <table className="data-table">
                <caption>{t('contact.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('contact.fields.name')}</th>
                    <th scope="col">{t('contact.fields.relationship')}</th>
                    <th scope="col">{t('contact.fields.phone')}</th>
                    <th scope="col">{t('contact.fields.email')}</th>
                    <th scope="col">{t('contact.fields.nextOfKin')}</th>
                  </tr>
                </thead>
                <tbody>
                  {officer.contacts.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.name}</th>
                      <td>{c.relationship}</td>
                      <td className="nowrap">{c.phone}</td>
                      <td>{c.email ?? '—'}</td>
                      <td>{c.nextOfKin ? t('common:yes') : t('common:no')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {canEdit ? (
            <p>
              <button
                type="button"
                className="button button--secondary"
                ref={button}
                onClick={() => {
                  notice.hide();
                  setEditing(true);
                  setFocusTarget('form');
                }}
              >
                {self ? t('contact.editOwn') : t('contact.edit')}
              </button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** Correct the email, the phone and the emergency contacts (all replaced at once). */
function ContactsForm({
  officer,
  onSaved,
  onCancel,
}: {
  officer: Officer;
  onSaved(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('people');
  const lang = useLang();
  const errors = useFormErrors('contact');
  const focusLater = useFocusLater();
  const [email, setEmail] = useState(officer.email ?? '');
  const [phone, setPhone] = useState(officer.phone ?? '');
  const [contacts, setContacts] = useState<ContactDraft[]>(() =>
    (officer.contacts ?? []).map((c) => ({
      key: nextKey++,
      name: c.name,
      relationship: c.relationship,
      phone: c.phone,
      email: c.email ?? '',
      nextOfKin: c.nextOfKin,
    })),
  );
  const [submitting, setSubmitting] = useState(false);
  const id = errors.idOf;

  const fieldLabel = (field: string) => t(`contact.fields.${field}`, { defaultValue: field });
  function labelOf(path: string): string | undefined {
    const parts = path.split('.');
    if (parts[0] === 'contacts' && parts.length >= 3)
      return `${t('contact.legend', { number: Number(parts[1]) + 1 })} – ${fieldLabel(parts[2]!)}`;
    if (path === 'email') return t('fields.email');
    if (path === 'phone') return t('fields.phone');
    return undefined;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: Record<string, string> = {};
    contacts.forEach((c, i) => {
      for (const field of ['name', 'relationship', 'phone'] as const)
        if (!c[field].trim())
          missing[`contacts.${i}.${field}`] = t('form.required', { field: fieldLabel(field) });
    });
    if (Object.keys(missing).length > 0) return errors.show(missing, null);
    setSubmitting(true);
    try {
      await api<Officer>(`/api/v1/officers/${officer.id}/contact`, {
        method: 'PUT',
        body: {
          version: officer.version,
          email: email.trim() || null,
          phone: phone.trim() || null,
          contacts: contacts.map((c) => ({
            name: c.name.trim(),
            relationship: c.relationship.trim(),
            phone: c.phone.trim(),
            email: c.email.trim() || null,
            nextOfKin: c.nextOfKin,
          })),
        },
        lang,
      });
      errors.clear();
      setSubmitting(false);
      onSaved();
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items(labelOf)} />
      <form className="form" noValidate aria-labelledby="contact-form-heading" onSubmit={onSubmit}>
        <div className="form-grid">
          <TextField
            id={id('email')}
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            value={email}
            onChange={setEmail}
            error={errors.error('email')}
          />
          <TextField
            id={id('phone')}
            label={t('fields.phone')}
            autoComplete="tel"
            value={phone}
            onChange={setPhone}
            error={errors.error('phone')}
          />
        </div>
        <h4>{t('contact.emergencyHeading')}</h4>
        <p className="help">{t('contact.emergencyHint')}</p>
        {contacts.length === 0 ? <p>{t('contact.noRows')}</p> : null}
        {contacts.map((contact, i) => {
          const path = `contacts.${i}`;
          const set = (change: Partial<ContactDraft>) =>
            setContacts((all) => all.map((x) => (x.key === contact.key ? { ...x, ...change } : x)));
          return (
            <FieldGroup key={contact.key} legend={t('contact.legend', { number: i + 1 })}>
              <div className="form-grid">
                <TextField
                  id={id(`${path}.name`)}
                  label={fieldLabel('name')}
                  value={contact.name}
                  onChange={(v) => set({ name: v })}
                  error={errors.error(`${path}.name`)}
                  autoComplete="off"
                  required
                />
                <TextField
                  id={id(`${path}.relationship`)}
                  label={fieldLabel('relationship')}
                  hint={t('contact.relationshipHint')}
                  value={contact.relationship}
                  onChange={(v) => set({ relationship: v })}
                  error={errors.error(`${path}.relationship`)}
                  autoComplete="off"
                  required
                />
                <TextField
                  id={id(`${path}.phone`)}
                  label={fieldLabel('phone')}
                  value={contact.phone}
                  onChange={(v) => set({ phone: v })}
                  error={errors.error(`${path}.phone`)}
                  autoComplete="off"
                  required
                />
                <TextField
                  id={id(`${path}.email`)}
                  label={fieldLabel('email')}
                  type="email"
                  value={contact.email}
                  onChange={(v) => set({ email: v })}
                  error={errors.error(`${path}.email`)}
                  autoComplete="off"
                />
              </div>
              <CheckboxField
                id={id(`${path}.nextOfKin`)}
                label={t('contact.nextOfKinLabel')}
                checked={contact.nextOfKin}
                onChange={(checked) => set({ nextOfKin: checked })}
              />
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  setContacts((all) => all.filter((x) => x.key !== contact.key));
                  focusLater(id('add-contact'));
                }}
              >
                {t('contact.remove', { number: i + 1 })}
              </button>
            </FieldGroup>
          );
        })}
        {contacts.length < 10 ? (
          <p>
            <button
              type="button"
              id={id('add-contact')}
              className="button button--secondary"
              onClick={() => {
                setContacts((all) => [
                  ...all,
                  {
                    key: nextKey++,
                    name: '',
                    relationship: '',
                    phone: '',
                    email: '',
                    nextOfKin: false,
                  },
                ]);
                focusLater(id(`contacts.${contacts.length}.name`));
              }}
            >
              {t('contact.add')}
            </button>
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('form.saving') : t('contact.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common:cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
