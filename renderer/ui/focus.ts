/**
 * After an action, moves focus to the next useful control instead of leaving it on the page
 * body: the first of `selectors` that exists and is enabled. Store updates render
 * synchronously (zustand's external store), so the control is already in the page.
 */
export function focusNext(...selectors: string[]): void {
  for (const selector of selectors) {
    const element = document.querySelector<HTMLElement>(selector);
    if (element && !(element as HTMLButtonElement).disabled) {
      element.focus();
      return;
    }
  }
}
