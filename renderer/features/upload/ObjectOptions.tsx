import {
  OBJECT_ACLS,
  type PutObjectOptions,
  STORAGE_CLASSES,
  TRAFFIC_LIMIT_MAX,
  TRAFFIC_LIMIT_MIN,
} from "../../../shared/cos/put-object-options";
import { type MessageKey, useT } from "../../i18n";
import { describedBy, Field } from "../../ui/Field";

type TextOption =
  | "grantFullControl"
  | "grantRead"
  | "expires"
  | "cacheControl"
  | "contentType"
  | "contentDisposition"
  | "contentEncoding"
  | "contentLanguage";

const TEXT_OPTIONS: { name: TextOption; label: MessageKey; placeholder?: string }[] = [
  {
    name: "grantFullControl",
    label: "upload.put.grantFullControl",
    placeholder: 'id="qcs::cam::uin/100000000001:uin/100000000001"',
  },
  {
    name: "grantRead",
    label: "upload.put.grantRead",
    placeholder: 'id="qcs::cam::uin/100000000001:uin/100000000001"',
  },
  { name: "expires", label: "upload.put.expires", placeholder: "Wed, 21 Oct 2026 07:28:00 GMT" },
  { name: "cacheControl", label: "upload.put.cacheControl", placeholder: "max-age=31536000" },
  { name: "contentType", label: "upload.put.contentType", placeholder: "image/jpeg" },
  {
    name: "contentDisposition",
    label: "upload.put.contentDisposition",
    placeholder: 'inline; filename="a.jpg"',
  },
  { name: "contentEncoding", label: "upload.put.contentEncoding" },
  { name: "contentLanguage", label: "upload.put.contentLanguage", placeholder: "zh-CN" },
];

/** Every PutObject option of COS's `ci_put_object`, validated by the same schema the client uses. */
export function ObjectOptions(props: {
  value: PutObjectOptions;
  errors: Map<string, string>;
  onChange(value: PutObjectOptions): void;
}) {
  const t = useT();
  const set = <K extends keyof PutObjectOptions>(name: K, value: PutObjectOptions[K] | undefined) => {
    const next = { ...props.value };
    if (value === undefined || value === "") delete next[name];
    else next[name] = value;
    props.onChange(next);
  };
  const error = (name: string) => props.errors.get(`put.${name}`);
  const metadata = Object.entries(props.value.metadata ?? {});
  const setMetadata = (entries: [string, string][]) =>
    set("metadata", entries.length > 0 ? Object.fromEntries(entries) : undefined);

  return (
    <details className="object-options">
      <summary>{t("upload.objectOptions")}</summary>
      <div className="grid-2">
        <Field id="put-acl" label="ACL" error={error("acl")}>
          <select
            id="put-acl"
            value={props.value.acl ?? ""}
            onChange={(event) => set("acl", (event.target.value || undefined) as PutObjectOptions["acl"])}
          >
            <option value="">{t("upload.bucketDefault")}</option>
            {OBJECT_ACLS.map((acl) => (
              <option key={acl} value={acl}>
                {acl}
              </option>
            ))}
          </select>
        </Field>
        <Field id="put-storage" label={t("upload.storageClass")} error={error("storageClass")}>
          <select
            id="put-storage"
            value={props.value.storageClass ?? ""}
            onChange={(event) =>
              set("storageClass", (event.target.value || undefined) as PutObjectOptions["storageClass"])
            }
          >
            <option value="">{t("upload.bucketDefault")}</option>
            {STORAGE_CLASSES.map((storageClass) => (
              <option key={storageClass} value={storageClass}>
                {storageClass}
              </option>
            ))}
          </select>
        </Field>
        {TEXT_OPTIONS.map((option) => {
          const id = `put-${option.name}`;
          return (
            <Field key={option.name} id={id} label={t(option.label)} error={error(option.name)}>
              <input
                id={id}
                value={props.value[option.name] ?? ""}
                placeholder={option.placeholder}
                onChange={(event) => set(option.name, event.target.value || undefined)}
                {...describedBy(id, undefined, error(option.name))}
              />
            </Field>
          );
        })}
        <Field
          id="put-traffic"
          label={t("upload.trafficLimit")}
          hint={t("upload.trafficLimitHint", { min: TRAFFIC_LIMIT_MIN, max: TRAFFIC_LIMIT_MAX })}
          error={error("trafficLimit")}
        >
          <input
            id="put-traffic"
            type="number"
            inputMode="numeric"
            value={props.value.trafficLimit ?? ""}
            onChange={(event) =>
              set("trafficLimit", event.target.value === "" ? undefined : Number(event.target.value))
            }
            {...describedBy("put-traffic", "hint", error("trafficLimit"))}
          />
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={props.value.computeMd5 === true}
            onChange={(event) => set("computeMd5", event.target.checked || undefined)}
          />
          {t("upload.md5")}
        </label>
      </div>
      <fieldset className="metadata">
        <legend>{t("upload.metadata")}</legend>
        {metadata.map(([name, value], index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; names may repeat while typing
          <div className="row" key={index}>
            <span className="mono prefix">x-cos-meta-</span>
            <input
              aria-label={t("upload.metadataName")}
              value={name}
              onChange={(event) =>
                setMetadata(
                  metadata.map((entry, i) => (i === index ? [event.target.value, entry[1]] : entry)),
                )
              }
            />
            <input
              aria-label={t("upload.metadataValue")}
              value={value}
              onChange={(event) =>
                setMetadata(
                  metadata.map((entry, i) => (i === index ? [entry[0], event.target.value] : entry)),
                )
              }
            />
            <button
              type="button"
              className="link"
              aria-label={t("upload.removeMetadata", { name })}
              onClick={() => setMetadata(metadata.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </div>
        ))}
        {error("metadata") && (
          <span className="field-error" role="alert">
            {error("metadata")}
          </span>
        )}
        <button type="button" onClick={() => setMetadata([...metadata, [`field${metadata.length + 1}`, ""]])}>
          {t("upload.addMetadata")}
        </button>
      </fieldset>
    </details>
  );
}
