import { useT } from "../../i18n";

/** "1 error · 2 warnings": a form's or a plan's problems, errors and warnings counted apart. */
export function ProblemCount(props: { errors: number; warnings: number; id?: string }) {
  const t = useT();
  const parts = [
    props.errors > 0 && t("form.errors", { count: props.errors }),
    props.warnings > 0 && t("form.warnings", { count: props.warnings }),
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <span
      id={props.id}
      className={props.errors > 0 ? "problem-count has-errors" : "problem-count"}
      data-testid="problem-count"
    >
      {parts.join(" · ")}
    </span>
  );
}
