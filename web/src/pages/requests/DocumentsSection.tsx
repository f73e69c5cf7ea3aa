import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { api, type RequestDetail } from '../../lib/api.ts';
import { formatDateTime, formatFileSize } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';

/** The largest document the server accepts (DOCUMENT_MAX_BYTES, 10 MB by default). */
const maxBytes = 10 * 1024 * 1024;

function kindOf(mediaType: string): 'pdf' | 'word' | 'other' {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType.includes('word')) return 'word';
  return 'other';
}

export function DocumentsSection({
  request,
  onChanged,
}: {
  request: RequestDetail;
  onChanged(): void;
}) {
  const { t } = useTranslation('requests');
  const lang = useLang();
  const auth = useAuth();
  const errors = useFormErrors('document');
  const notice = useSuccessNotice();
  const [file, setFile] = useState<File | null>(null);
  // A new key empties the file input after an upload.
  const [inputKey, setInputKey] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const canRead = auth.can('request.document.read');
  const canAttach = auth.can('request.document.attach') && request.status !== 'withdrawn';
  const fieldId = errors.idOf('file');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    notice.hide();
    if (!file) return errors.show({ file: t('documents.fileRequired') }, null);
    if (file.size > maxBytes) return errors.show({ file: t('documents.fileTooLarge') }, null);
    setSubmitting(true);
    try {
      await api(`/api/v1/requests/${request.id}/documents`, { method: 'POST', file, lang });
      errors.clear();
      setFile(null);
      setInputKey((k) => k + 1);
      notice.show(t('documents.attached', { name: file.name }));
      onChanged();
    } catch (error) {
      errors.fail(error);
    } finally {
      setSubmitting(false);
    }
  }

  const fileError = errors.error('file') ?? errors.error('x-file-name');
  return (
    <section aria-labelledby="request-documents">
      <h2 id="request-documents">{t('file.documents')}</h2>
      {request.documents.length === 0 ? <p>{t('file.noDocuments')}</p> : null}
      {request.documents.length > 0 ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('documents.caption', { number: request.number })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('documents.columns.name')}</th>
                <th scope="col">{t('documents.columns.type')}</th>
                <th scope="col">{t('documents.columns.size')}</th>
                <th scope="col">{t('documents.columns.uploaded')}</th>
              </tr>
            </thead>
            <tbody>
              {request.documents.map((doc) => (
                <tr key={doc.id}>
                  <th scope="row">
                    {canRead ? (
                      <a
                        href={`/api/v1/requests/${request.id}/documents/${doc.id}`}
                        download={doc.fileName}
                      >
                        {doc.fileName}
                      </a>
                    ) : (
                      doc.fileName
                    )}
                  </th>
                  <td>{t(`documents.kinds.${kindOf(doc.mediaType)}`)}</td>
                  <td className="nowrap">{formatFileSize(lang, doc.sizeBytes)}</td>
                  <td>{formatDateTime(lang, doc.uploadedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canAttach ? (
        <>
          <h3>{t('documents.attachHeading')}</h3>
          <SuccessNotice message={notice.message} focusKey={notice.shown} />
          <ErrorSummary
            focusKey={errors.shown}
            items={errors.items((path) => (path === 'file' ? t('documents.file') : undefined))}
          />
          <form className="form" noValidate onSubmit={onSubmit}>
            <div className={fileError ? 'field field--error' : 'field'}>
              <label htmlFor={fieldId} className="field__label">
                {t('documents.file')}
              </label>
              <p id={`${fieldId}-hint`} className="field__hint">
                {t('documents.fileHint')}
              </p>
              {fileError ? (
                <p id={`${fieldId}-error`} className="field__error">
                  {fileError}
                </p>
              ) : null}
              <input
                key={inputKey}
                id={fieldId}
                name="file"
                type="file"
                className="field__file"
                accept=".pdf,.doc,.docx,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                aria-invalid={fileError ? true : undefined}
                aria-describedby={`${fieldId}-hint${fileError ? ` ${fieldId}-error` : ''}`}
                onChange={(event) => setFile(event.target.files?.[0] ?? null)}
              />
            </div>
            <button type="submit" className="button button--primary" aria-disabled={submitting}>
              {submitting ? t('documents.attaching') : t('documents.attach')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
