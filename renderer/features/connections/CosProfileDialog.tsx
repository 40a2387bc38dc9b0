import "./connections.css";
import { type FormEvent, useEffect, useRef, useState } from "react";
import type { z } from "zod";
import {
  type ConnectionSummary,
  CosConnectionTestInputSchema,
  CosProfileInputSchema,
} from "../../../shared/connections";
import type { MessageKey, Translate } from "../../i18n";
import { useT } from "../../i18n";
import { errorText, schemaProblemText } from "../../i18n/errors";
import { useCosProfile } from "./context";
import { testOutcomeText } from "./test-outcome-text";

type FieldName =
  | "label"
  | "secretId"
  | "secretKey"
  | "sessionToken"
  | "region"
  | "defaultBucket"
  | "customDomain";

const FIELDS: { name: FieldName; label: MessageKey; type?: string; hint?: MessageKey; optional?: boolean }[] =
  [
    { name: "label", label: "form.label" },
    { name: "secretId", label: "form.secretId" },
    { name: "secretKey", label: "form.secretKey", type: "password" },
    { name: "sessionToken", label: "form.sessionToken", type: "password", optional: true },
    { name: "region", label: "form.region" },
    { name: "defaultBucket", label: "form.bucket", hint: "form.bucketHint" },
    { name: "customDomain", label: "form.customDomain", optional: true },
  ];

/** The first problem of each field, as the contract's schema words it, in the designer's language. */
function fieldErrors(error: z.ZodError, t: Translate): Partial<Record<FieldName, string>> {
  const found: Partial<Record<FieldName, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as FieldName;
    found[field] ??= schemaProblemText(t, issue);
  }
  return found;
}

function isField(name: unknown): name is FieldName {
  return FIELDS.some((field) => field.name === name);
}

/**
 * Adds a Tencent COS profile, or edits one (`profile`). Values are checked in place with the contract's own schema;
 * "Test connection" tries them against COS before anything is saved.
 */
export function CosProfileDialog({ onClose, profile }: { onClose(): void; profile?: ConnectionSummary }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  // Editing shows everything but the keys, which never come back from the main process.
  const [values, setValues] = useState<Record<FieldName, string>>({
    label: profile?.label ?? "",
    secretId: "",
    secretKey: "",
    sessionToken: "",
    region: profile?.region ?? "ap-guangzhou",
    defaultBucket: profile?.defaultBucket ?? "",
    customDomain: profile?.customDomain ?? "",
  });
  /** What the contract's schema says of the values, checked here before any call. */
  const [checkErrors, setCheckErrors] = useState<Partial<Record<FieldName, string>>>({});
  const saving = useCosProfile((state) => state.saving);
  const testing = useCosProfile((state) => state.testing);
  const outcome = useCosProfile((state) => state.outcome);
  const failure = useCosProfile((state) => state.error);
  const save = useCosProfile((state) => state.save);
  const testValues = useCosProfile((state) => state.test);
  const forgetOutcome = useCosProfile((state) => state.forgetOutcome);
  const forgetError = useCosProfile((state) => state.forgetError);
  const reset = useCosProfile((state) => state.reset);
  const failedField = failure?.path?.[0];
  const errors: Partial<Record<FieldName | "form", string>> = {
    ...checkErrors,
    ...(failure && { [isField(failedField) ? failedField : "form"]: errorText(t, failure) }),
  };

  useEffect(() => {
    dialog.current?.showModal();
    // What was found about these values does not hold for the next dialog's.
    return reset;
  }, [reset]);

  const input = {
    ...(profile ? { id: profile.id } : {}),
    ...values,
    sessionToken: values.sessionToken || undefined,
    customDomain: values.customDomain || undefined,
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = CosProfileInputSchema.safeParse(input);
    if (!checked.success) {
      forgetError();
      setCheckErrors(fieldErrors(checked.error, t));
      return;
    }
    setCheckErrors({});
    if (await save(input)) onClose();
  };

  const test = async () => {
    const { label: _name, ...form } = input;
    const checked = CosConnectionTestInputSchema.safeParse(form);
    forgetOutcome();
    if (!checked.success) {
      forgetError();
      setCheckErrors(fieldErrors(checked.error, t));
      return;
    }
    setCheckErrors({});
    await testValues(form);
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="cos-form-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="cos-form-title">
          {profile ? t("form.editTitle", { label: profile.label }) : t("form.title")}
        </h2>
        {profile && (
          <p className="hint" data-testid="keep-keys-hint">
            {t("form.keepKeys", { key: profile.secretIdMasked ?? "" })}
          </p>
        )}
        {FIELDS.map((field) => {
          const id = `cos-${field.name}`;
          const error = errors[field.name];
          const describedBy = [field.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
          return (
            <div className="field" key={field.name}>
              <label htmlFor={id}>{t(field.label)}</label>
              <input
                id={id}
                name={field.name}
                type={field.type ?? "text"}
                autoComplete="off"
                spellCheck={false}
                value={values[field.name]}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy || undefined}
                required={
                  !field.optional && !(profile && (field.name === "secretId" || field.name === "secretKey"))
                }
                onChange={(event) => {
                  setValues({ ...values, [field.name]: event.target.value });
                  forgetOutcome();
                }}
              />
              {field.hint && (
                <span id={`${id}-hint`} className="hint">
                  {t(field.hint)}
                </span>
              )}
              {error && (
                <span id={`${id}-error`} className="field-error" role="alert">
                  {error}
                </span>
              )}
            </div>
          );
        })}
        <p className="hint">{t("form.keysStayHere")}</p>
        <div className="connection-test">
          <button type="button" onClick={test} disabled={testing}>
            {t("connectionTest.button")}
          </button>
          {/* Always in the page, so screen readers announce what is written into it. */}
          <p
            className="connection-test-outcome"
            role="status"
            aria-live="polite"
            data-testid="connection-test-outcome"
            data-outcome={testing ? "testing" : outcome?.kind}
          >
            {testing ? t("connectionTest.testing") : outcome && testOutcomeText(t, outcome)}
          </p>
        </div>
        {errors.form && (
          <p role="alert" className="notice notice-error">
            {errors.form}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            {t("form.cancel")}
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {t("form.save")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
