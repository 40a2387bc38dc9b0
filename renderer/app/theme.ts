/** The designer's theme: the system's, or always light, or always dark. Remembered on this computer. */
export type ThemeChoice = "system" | "light" | "dark";

export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

const THEME_KEY = "picops.theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

export function savedTheme(): ThemeChoice {
  const saved = localStorage.getItem(THEME_KEY);
  return THEME_CHOICES.find((choice) => choice === saved) ?? "system";
}

let stopFollowingSystem: (() => void) | undefined;

/**
 * Sets `data-theme` on the document to the theme in effect, which the stylesheet's colours
 * follow; with "system" it keeps following the system's setting as it changes.
 */
export function applyTheme(choice: ThemeChoice): void {
  localStorage.setItem(THEME_KEY, choice);
  stopFollowingSystem?.();
  stopFollowingSystem = undefined;
  const root = document.documentElement;
  if (choice !== "system") {
    root.dataset.theme = choice;
    return;
  }
  const query = window.matchMedia(DARK_QUERY);
  const follow = () => {
    root.dataset.theme = query.matches ? "dark" : "light";
  };
  follow();
  query.addEventListener("change", follow);
  stopFollowingSystem = () => query.removeEventListener("change", follow);
}
