import { KEY_NAMINGS, type UploadOptions, UploadOptionsSchema } from "../../../shared/uploads/options";
import { type Translate, useT } from "../../i18n";
import { schemaProblemText } from "../../i18n/errors";
import { describedBy, Field } from "../../ui/Field";
import { ProcessingFields } from "../batches";
import { NamingFields, UploadIdenticalField } from "../quick";
import { ObjectOptions } from "./ObjectOptions";
import { useUpload } from "./store";

/** Problems in the options, keyed by dotted path (`rules.0.fileid`), shown where they are. */
export function optionErrors(t: Translate, options: UploadOptions): Map<string, string> {
  const errors = new Map<string, string>();
  const checked = UploadOptionsSchema.safeParse(options);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = issue.path.map(String).join(".");
      const problem = schemaProblemText(t, issue);
      if (!errors.has(key)) errors.set(key, problem);
      // Metadata problems are listed under the editor as a whole.
      if (issue.path[0] === "put" && issue.path[1] === "metadata" && !errors.has("put.metadata"))
        errors.set("put.metadata", problem);
    }
  }
  return errors;
}

export function OptionsPanel() {
  const t = useT();
  const { options, setOptions } = useUpload();
  const errors = optionErrors(t, options);
  return (
    <section aria-labelledby="options-heading" className="card">
      <h3 id="options-heading">{t("upload.optionsHeading")}</h3>
      <div className="grid-2">
        <Field id="opt-bucket" label={t("upload.bucket")} error={errors.get("bucket")}>
          <input
            id="opt-bucket"
            value={options.bucket}
            onChange={(event) => setOptions({ bucket: event.target.value.trim() })}
            {...describedBy("opt-bucket", undefined, errors.get("bucket"))}
          />
        </Field>
        <Field
          id="opt-prefix"
          label={t("upload.prefix")}
          hint={t("upload.prefixHint")}
          error={errors.get("prefix")}
        >
          <input
            id="opt-prefix"
            className="mono"
            value={options.prefix}
            placeholder="shoots/2026/"
            onChange={(event) => setOptions({ prefix: event.target.value })}
            {...describedBy("opt-prefix", t("upload.prefixHint"), errors.get("prefix"))}
          />
        </Field>
        <Field id="opt-naming" label={t("upload.naming")}>
          <select
            id="opt-naming"
            value={options.naming}
            onChange={(event) => setOptions({ naming: event.target.value as UploadOptions["naming"] })}
          >
            {KEY_NAMINGS.map((naming) => (
              <option key={naming} value={naming}>
                {t(naming === "keep" ? "upload.namingKeep" : "upload.namingSlug")}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <NamingFields
        keyTemplate={options.keyTemplate}
        error={errors.get("keyTemplate")}
        onKeyTemplate={(keyTemplate) => setOptions({ keyTemplate })}
      />
      <UploadIdenticalField
        value={options.uploadIdentical ?? false}
        onChange={(uploadIdentical) => setOptions({ uploadIdentical })}
      />
      <ProcessingFields
        id="opt"
        concurrencyLabel={t("upload.concurrency")}
        value={options}
        bucket={options.bucket}
        errors={errors}
        onChange={setOptions}
      />
      <ObjectOptions value={options.put} errors={errors} onChange={(put) => setOptions({ put })} />
    </section>
  );
}
