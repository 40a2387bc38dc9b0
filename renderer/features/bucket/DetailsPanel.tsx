import { useEffect } from "react";
import { useLanguage, useT } from "../../i18n";
import { explainError } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { formatBytes, formatDateTime } from "../../ui/format";
import { ObjectLinks } from "../links";
import { usePreviewStore } from "../preview";
import { useBrowse, useObjectDetails, useObjectDetailsStore, useProcessStore } from "./context";
import { PROCESS_FORM_ID } from "./process-form";

/** Arrowing through a folder should not fire a HEAD per object passed over. */
const SETTLE_MS = 150;

/**
 * The focused object's metadata and image info. It also becomes the preview's sample, shown
 * with the rules of processing in the bucket: what would run on it here.
 */
export function DetailsPanel() {
  const t = useT();
  const language = useLanguage((state) => state.language);
  const place = useBrowse((state) => state.place);
  const focused = useBrowse((state) => state.focused);
  // Runs on every store change (each listing page): without a focused key there is nothing to look for.
  const object = useBrowse((state) =>
    state.focused === undefined
      ? undefined
      : state.objects.find((candidate) => candidate.key === state.focused)?.object,
  );
  const details = useObjectDetails((state) => state.details);
  const error = useObjectDetails((state) => state.error);
  const preview = usePreviewStore();
  const process = useProcessStore();
  const detailsStore = useObjectDetailsStore();

  useEffect(() => {
    const { show, clear } = detailsStore.getState();
    clear();
    if (!place || !object) return;
    const timer = setTimeout(() => {
      const sample = { kind: "object", bucket: place.bucket, key: object.key, etag: object.etag } as const;
      preview.getState().previewJob(sample, process.getState().options.rules, PROCESS_FORM_ID);
      void show(place.bucket, object.key);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [detailsStore, place, object, preview, process]);

  return (
    <section aria-labelledby="details-heading" className="card object-details" aria-live="polite">
      <h3 id="details-heading">{t("details.heading")}</h3>
      {!object && <p className="hint">{focused ? "" : t("details.none")}</p>}
      {object && !details && !error && <p className="hint">{t("details.loading")}</p>}
      {error && (
        <p className="notice notice-error" role="alert">
          <strong className="mono">{error.code}</strong>: <ErrorMessage error={error} />{" "}
          {explainError(t, error)}
        </p>
      )}
      {details && (
        <dl className="details-list" data-testid="object-details">
          <dt>{t("details.key")}</dt>
          <dd className="mono">{details.key}</dd>
          <dt>{t("details.size")}</dt>
          <dd>
            {formatBytes(details.size)} ({details.size.toLocaleString(language)} B)
          </dd>
          <dt>{t("details.type")}</dt>
          <dd className="mono">{details.contentType ?? "—"}</dd>
          <dt>{t("details.etag")}</dt>
          <dd className="mono">{details.etag ?? "—"}</dd>
          <dt>{t("details.storageClass")}</dt>
          <dd className="mono">{details.storageClass}</dd>
          <dt>{t("details.lastModified")}</dt>
          <dd>{details.lastModified ? formatDateTime(language, details.lastModified) : "—"}</dd>
          {details.image ? (
            <>
              <dt>{t("details.format")}</dt>
              <dd className="mono">{details.image.format}</dd>
              <dt>{t("details.dimensions")}</dt>
              <dd data-testid="details-dimensions">
                {details.image.width} × {details.image.height}
              </dd>
            </>
          ) : (
            <dd className="hint">
              {t("details.notImage")} {details.imageProblem && explainError(t, details.imageProblem)}
            </dd>
          )}
          <dt>{t("details.metadata")}</dt>
          <dd>
            {Object.keys(details.metadata).length === 0 ? (
              t("details.noMetadata")
            ) : (
              <ul className="plain mono">
                {Object.entries(details.metadata).map(([name, value]) => (
                  <li key={name}>
                    x-cos-meta-{name}: {value}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      )}
      {details && place && <ObjectLinks bucket={place.bucket} keys={[details.key]} />}
    </section>
  );
}
