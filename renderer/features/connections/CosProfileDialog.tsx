import { type FormEvent, useEffect, useRef, useState } from "react";
import { CosProfileInputSchema } from "../../../shared/connections";
import { ApiError, api } from "../../api";
import type { MessageKey } from "../../i18n";
import { useT } from "../../i18n";
import { schemaProblemText } from "../../i18n/problem-messages";

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

/** Adds a Tencent COS profile. Values are checked in place with the contract's own schema. */
export function CosProfileDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [values, setValues] = useState<Record<FieldName, string>>({
    label: "",
    secretId: "",
    secretKey: "",
    sessionToken: "",
    region: "ap-guangzhou",
    defaultBucket: "",
    customDomain: "",
  });
  const [errors, setErrors] = useState<Partial<Record<FieldName | "form", string>>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      ...values,
      sessionToken: values.sessionToken || undefined,
      customDomain: values.customDomain || undefined,
    };
    const checked = CosProfileInputSchema.safeParse(input);
    if (!checked.success) {
      const found: Partial<Record<FieldName, string>> = {};
      for (const issue of checked.error.issues) {
        const field = issue.path[0] as FieldName;
        found[field] ??= schemaProblemText(t, issue.message);
      }
      setErrors(found);
      return;
    }
    setSaving(true);
    try {
      await api.call("connections.saveCos", input);
      onClose();
    } catch (e) {
      const message = e instanceof ApiError ? e.message : String(e);
      const field = e instanceof ApiError ? (e.error.path?.[0] as FieldName | undefined) : undefined;
      setErrors(field ? { [field]: message } : { form: message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="cos-form-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="cos-form-title">{t("form.title")}</h2>
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
                required={!field.optional}
                onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
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
