import { LANGUAGES, type Language, useLanguage, useT } from "../i18n";

export function LanguagePicker() {
  const t = useT();
  const language = useLanguage((state) => state.language);
  const setLanguage = useLanguage((state) => state.setLanguage);
  return (
    <div className="language-picker">
      <label htmlFor="app-language">{t("settings.language")}</label>
      <select
        id="app-language"
        value={language}
        onChange={(event) => setLanguage(event.target.value as Language)}
      >
        {LANGUAGES.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );
}
