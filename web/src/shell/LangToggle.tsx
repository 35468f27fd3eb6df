import { useI18n } from '../i18n';

export function LangToggle() {
  const { t, lang, setLang } = useI18n();
  const next = lang === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="btn btn-ghost lang-toggle"
      data-testid="lang-toggle"
      lang={next}
      title={t('lang.toggleTitle')}
      onClick={() => setLang(next)}
    >
      {t('lang.toggle')}
    </button>
  );
}
