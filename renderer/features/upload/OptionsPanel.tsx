import { KEY_NAMINGS, type UploadOptions, UploadOptionsSchema } from "../../../shared/uploads/options";
import { type Translate, useT } from "../../i18n";
import { schemaProblemText } from "../../i18n/errors";
import { describedBy, Field } from "../../ui/Field";
import { useTouched } from "../../ui/touched";
import { ProcessingFields } from "../batches";
import { NamingFields, UploadIdenticalField } from "../quick";
import { useUpload, useUploadStore } from "./context";
import { DestinationDefault } from "./DestinationDefault";
import { ObjectOptions } from "./ObjectOptions";

/**
 * Problems in the options, keyed by dotted path (`rules.0.fileid`), shown where they are: the
 * schema the main process checks the options with, so the form and the review agree.
 */
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

/** How many problems the options have: the metadata editor's summary line is not one more. */
export function optionErrorCount(errors: Map<string, string>): number {
  const keys = [...errors.keys()];
  const summarised = keys.includes("put.metadata") && keys.some((key) => key.startsWith("put.metadata."));
  return errors.size - (summarised ? 1 : 0);
}

export function OptionsPanel() {
  const t = useT();
  const options = useUpload((state) => state.options);
  const { setOptions } = useUploadStore().getState();
  const errors = optionErrors(t, options);
  const { touch, shown } = useTouched();
  const bucketError = shown("opt-bucket", errors.get("bucket"), options.bucket);
  const prefixError = shown("opt-prefix", errors.get("prefix"), options.prefix);
  return (
    <section aria-labelledby="options-heading" className="card">
      <h3 id="options-heading">{t("upload.optionsHeading")}</h3>
      <div className="grid-2">
        <Field id="opt-bucket" label={t("upload.bucket")} error={bucketError}>
          <input
            id="opt-bucket"
            value={options.bucket}
            onChange={(event) => {
              touch("opt-bucket");
              setOptions({ bucket: event.target.value.trim() });
            }}
            onBlur={() => touch("opt-bucket")}
            {...describedBy("opt-bucket", undefined, bucketError)}
          />
        </Field>
        <Field id="opt-prefix" label={t("upload.prefix")} hint={t("upload.prefixHint")} error={prefixError}>
          <input
            id="opt-prefix"
            className="mono"
            value={options.prefix}
            placeholder="shoots/2026/"
            onChange={(event) => {
              touch("opt-prefix");
              setOptions({ prefix: event.target.value });
            }}
            onBlur={() => touch("opt-prefix")}
            {...describedBy("opt-prefix", t("upload.prefixHint"), prefixError)}
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
      <DestinationDefault />
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
