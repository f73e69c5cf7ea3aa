import { useTranslation } from 'react-i18next';

/**
 * Download everything the program holds about an officer: the officer themself (`self`, from their
 * profile) or a program officer on their behalf. The file comes in the officer's own language.
 */
export function PersonalDataSection({
  officerId,
  self = false,
}: {
  officerId: string;
  self?: boolean;
}) {
  const { t } = useTranslation('privacy');
  const base = self ? '/api/v1/me/personal-data' : `/api/v1/officers/${officerId}/personal-data`;
  return (
    <section aria-labelledby="personal-data">
      <h2 id="personal-data">{t(self ? 'download.heading' : 'download.headingFor')}</h2>
      <p>{t(self ? 'download.intro' : 'download.introFor')}</p>
      <ul className="compact-list download-list">
        <li>
          <a className="download-link" href={`${base}?format=pdf`} download>
            {t(self ? 'download.pdf' : 'download.pdfFor')}
          </a>
        </li>
        <li>
          <a className="download-link" href={`${base}?format=json`} download>
            {t(self ? 'download.json' : 'download.jsonFor')}
          </a>
        </li>
      </ul>
    </section>
  );
}
