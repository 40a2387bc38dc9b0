import { useEffect } from "react";
import { checkRule, checkStyleNames, type Diagnostic } from "../../../shared/rules";
import { useBucketStyles } from "./context";

/** Whether a rule has a `style/<name>` stage (the first stage, or one after a `|`). */
const NAMES_A_STYLE = /(^|\|)\s*style\//;

/**
 * For each rule, its `style/<name>` stages that the bucket's styles (as last read) do not
 * include. The styles are read when a rule first names one. A rule for another bucket than
 * the one whose styles were read gets no warning: nothing is known about that bucket's styles.
 */
export function useUnknownStyles(rules: readonly string[], bucket?: string): Diagnostic[][] {
  const stylesBucket = useBucketStyles((state) => state.bucket);
  const styles = useBucketStyles((state) => state.styles);
  const loading = useBucketStyles((state) => state.loading);
  const error = useBucketStyles((state) => state.error);
  const load = useBucketStyles((state) => state.load);
  const namesAStyle = rules.some((rule) => NAMES_A_STYLE.test(rule));
  useEffect(() => {
    if (namesAStyle && styles === undefined && !loading && !error) void load();
  }, [namesAStyle, styles, loading, error, load]);
  return rules.map((rule) => {
    if (!NAMES_A_STYLE.test(rule) || styles === undefined || stylesBucket === undefined) return [];
    if (bucket !== undefined && bucket !== stylesBucket) return [];
    const names = styles.map((style) => style.name);
    return checkStyleNames(checkRule(rule).pipeline, stylesBucket, names);
  });
}
