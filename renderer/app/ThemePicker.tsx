import { useState } from "react";
import { useT } from "../i18n";
import { applyTheme, savedTheme, THEME_CHOICES, type ThemeChoice } from "./theme";

export function ThemePicker() {
  const t = useT();
  const [theme, setTheme] = useState(savedTheme);
  const labels: Record<ThemeChoice, string> = {
    system: t("settings.themeSystem"),
    light: t("settings.themeLight"),
    dark: t("settings.themeDark"),
  };
  return (
    <div className="language-picker">
      <label htmlFor="app-theme">{t("settings.theme")}</label>
      <select
        id="app-theme"
        value={theme}
        onChange={(event) => {
          const choice = event.target.value as ThemeChoice;
          applyTheme(choice);
          setTheme(choice);
        }}
      >
        {THEME_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {labels[choice]}
          </option>
        ))}
      </select>
    </div>
  );
}
