import { useEffect } from "react";
import { usePreviewStore } from "./context";

/**
 * Shown with the Rules tab: while it is there the preview runs the tab's draft, and once the
 * tab is left it goes back to the job's own rules.
 */
export function PreviewDraft(props: { rule: string }) {
  const store = usePreviewStore();
  useEffect(() => store.getState().showDraft(props.rule), [store, props.rule]);
  useEffect(() => () => store.getState().showDraft(undefined), [store]);
  return null;
}
