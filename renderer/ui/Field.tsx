import type { ReactNode } from "react";

/** A labelled control with its hint, its error and a warning (allowed, but likely a mistake), wired for screen readers. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  warning?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <span id={`${props.id}-hint`} className="hint">
          {props.hint}
        </span>
      )}
      {props.error && (
        <span id={`${props.id}-error`} className="field-error" role="alert">
          {props.error}
        </span>
      )}
      {props.warning && !props.error && (
        <span id={`${props.id}-warning`} className="field-warning">
          {props.warning}
        </span>
      )}
    </div>
  );
}

/** aria props for the control inside a Field. */
export function describedBy(id: string, hint?: string, error?: string, warning?: string) {
  const shownWarning = !error && warning;
  const ids = [hint && `${id}-hint`, error && `${id}-error`, shownWarning && `${id}-warning`]
    .filter(Boolean)
    .join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": error ? true : undefined };
}
