import { useEffect } from "react";
import type { RuleSlot } from "../../../shared/uploads/options";
import { usePreviewStore } from "./context";

/**
 * While the form named `owner` owns the previewed job, the preview follows its rules as they
 * are edited. The owner is the form's stable name, not a component's: a form shown again
 * after a tab switch is the same form.
 */
export function usePreviewFollows(rules: RuleSlot[], owner: string): void {
  const store = usePreviewStore();
  useEffect(() => store.getState().followRules(rules, owner), [store, rules, owner]);
}
