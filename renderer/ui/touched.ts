import { useCallback, useState } from "react";

/**
 * Which fields the designer has touched (typed in or left): an empty field's error shows only
 * then, so a form is never red before anything is typed, while the errors still count and block
 * review. A field that holds text (a restored draft, a rule from a preset) shows its error at once.
 */
export function useTouched() {
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const touch = useCallback(
    (id: string) => setTouched((previous) => (previous.has(id) ? previous : new Set(previous).add(id))),
    [],
  );
  const shown = (id: string, error: string | undefined, value: string) =>
    touched.has(id) || value.trim() !== "" ? error : undefined;
  return { touch, shown };
}
