import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { type AppError, isKeyRefusal } from "../../../shared/errors";
import type { UploadItem } from "../../../shared/uploads/batch";
import { type Translate, useT } from "../../i18n";
import { explainError } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { formatBytes, formatDuration } from "../../ui/format";
import { InView } from "../../ui/InView";
import { Thumbnail } from "../../ui/Thumbnail";
import { LinksMenu } from "../links";
import { BatchHistory } from "./BatchHistory";
import { useBatches } from "./context";

/** Progress, controls and results of the batch being looked at, kept live by progress events. */
export function BatchView() {
  const t = useT();
  const interrupted = useBatches(
    useShallow((state) => state.batches.filter((batch) => batch.state === "interrupted")),
  );
  const shown = useBatches((state) => state.detail !== undefined);
  const error = useBatches((state) => state.error);
  const { load, control, show } = useBatches(
    useShallow((state) => ({ load: state.load, control: state.control, show: state.show })),
  );

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      {error && (
        <p role="alert" className="notice notice-error" data-testid="batch-error">
          <ErrorMessage error={error} />
        </p>
      )}
      {interrupted.map((batch) => (
        <div
          key={batch.id}
          className="notice notice-warning row spread"
          role="status"
          data-testid="resume-offer"
        >
          <span>{t("batch.interrupted", { done: batch.totals.done, files: batch.totals.files })}</span>
          <button
            type="button"
            className="primary"
            onClick={async () => {
              await control("resume", batch.id);
              await show(batch.id);
            }}
          >
            {t("batch.resume")}
          </button>
        </div>
      ))}
      {shown && <BatchDetailView t={t} />}
      <BatchHistory />
    </>
  );
}

function BatchDetailView({ t }: { t: Translate }) {
  const detail = useBatches((state) => state.detail);
  const { control, exportResults } = useBatches(
    useShallow((state) => ({ control: state.control, exportResults: state.exportResults })),
  );
  if (!detail) return null;
  const { totals } = detail;
  const finished = totals.done + totals.failed + totals.cancelled;
  // Processing in the bucket sends no bytes: its progress is counted in files.
  const progress =
    totals.bytesTotal > 0
      ? { done: totals.bytesDone, total: totals.bytesTotal }
      : { done: finished, total: totals.files };
  // The main process pauses a batch whose keys COS refuses (when every file was already under
  // way, they all fail and it finishes): say why, and what brings it back.
  const keysRefused =
    detail.state !== "running" &&
    detail.items.some((item) => item.state === "failed" && item.error && isKeyRefusal(item.error));
  const download = async (format: "csv" | "json") => {
    const file = await exportResults(detail.id, format);
    if (!file) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
    link.download = file.fileName;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <section aria-labelledby="batch-heading" className="card" data-testid="batch">
      <div className="row spread">
        <h3 id="batch-heading" tabIndex={-1}>
          {t(detail.kind === "process" ? "batch.headingProcess" : "batch.heading")}
        </h3>
        <span className="badge" data-testid="batch-state">
          {t(`batch.state.${detail.state}`)}
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={t("batch.overall")}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.done}
      >
        <div style={{ width: `${progress.total ? (100 * progress.done) / progress.total : 0}%` }} />
      </div>
      {keysRefused && (
        <p className="notice notice-warning" role="status" data-testid="batch-keys-refused">
          {t("batch.keysRefused")}
        </p>
      )}
      <p className="meta" data-testid="batch-totals" aria-live="polite">
        {t("batch.totals", { finished, files: totals.files, done: totals.done, failed: totals.failed })}
        {totals.bytesTotal > 0 &&
          ` · ${t("batch.bytes", { bytesDone: formatBytes(totals.bytesDone), bytesTotal: formatBytes(totals.bytesTotal) })}`}
        {detail.state === "running" &&
          detail.etaSeconds !== undefined &&
          ` · ${t("batch.eta", { time: formatDuration(detail.etaSeconds) })}`}
      </p>
      <div className="row">
        {detail.state === "running" ? (
          <button type="button" onClick={() => control("pause", detail.id)}>
            {t("batch.pause")}
          </button>
        ) : (
          detail.state !== "finished" && (
            <button type="button" onClick={() => control("resume", detail.id)}>
              {t("batch.resume")}
            </button>
          )
        )}
        {detail.state !== "finished" && (
          <button type="button" className="danger" onClick={() => control("cancel", detail.id)}>
            {t("batch.cancelAll")}
          </button>
        )}
        {totals.failed > 0 && (
          <button type="button" onClick={() => control("retry", detail.id)}>
            {t("batch.retryFailed")}
          </button>
        )}
        <button type="button" onClick={() => download("csv")}>
          {t("batch.exportCsv")}
        </button>
        <button type="button" onClick={() => download("json")}>
          {t("batch.exportJson")}
        </button>
      </div>
      <LinksMenu
        id={`batch-links-${detail.id}`}
        source={{ kind: "batch", batchId: detail.id, which: "originals" }}
        connectionId={detail.connectionId}
        choices={detail.items
          .filter((item) => item.state === "done")
          .map((item) => ({ id: item.id, name: item.name }))}
      />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the list scrolls on its own, so it must take focus for keyboard users to scroll it (WCAG 2.1.1) */}
      <section className="batch-items" aria-label={t("batch.items")} tabIndex={0}>
        <ul className="plain" data-testid="batch-items">
          {detail.items.map((item) => (
            <BatchItemRow key={item.id} item={item} batchId={detail.id} t={t} />
          ))}
        </ul>
      </section>
    </section>
  );
}

function BatchItemRow({ item, batchId, t }: { item: UploadItem; batchId: string; t: Translate }) {
  const control = useBatches((state) => state.control);
  const percent = item.state === "done" ? 100 : item.size ? Math.round((100 * item.loaded) / item.size) : 0;
  return (
    <li className={`batch-item state-${item.state}`} data-testid="batch-item" data-state={item.state}>
      <div className="row spread">
        <span className="mono name">{item.name}</span>
        <span className="meta">{t(`item.state.${item.state}`)}</span>
      </div>
      {item.state === "uploading" && (
        <div className="progress small" role="progressbar" aria-label={item.name} aria-valuenow={percent}>
          <div style={{ width: `${percent}%` }} />
        </div>
      )}
      {item.state === "done" && <ItemResults item={item} t={t} />}
      {item.state === "failed" && item.error && (
        <FailedItem error={item.error} t={t} batchId={batchId} itemId={item.id} />
      )}
      {(item.state === "queued" || item.state === "uploading") && (
        <button
          type="button"
          className="link"
          onClick={() => control("cancel", batchId, [item.id])}
          aria-label={t("item.cancel", { name: item.name })}
        >
          {t("item.cancelShort")}
        </button>
      )}
    </li>
  );
}

/** EXIF orientation in words: 0 (none given) and 1 are how the picture is stored. */
function orientationText(t: Translate, orientation: number): string {
  if (orientation === 3) return t("item.orientation.upsideDown");
  if (orientation === 6) return t("item.orientation.clockwise");
  if (orientation === 8) return t("item.orientation.anticlockwise");
  if ([2, 4, 5, 7].includes(orientation)) return t("item.orientation.mirrored", { value: orientation });
  return t("item.orientation.normal");
}

/** COS's `Ave` (`0x493428`) as the CSS colour a designer reads (`#493428`). */
function averageColour(ave: string): string {
  return `#${ave.replace(/^0x/i, "")}`;
}

/** What COS answered for a finished file: OriginalInfo, then each ProcessResults object with a thumbnail. */
function ItemResults({ item, t }: { item: UploadItem; t: Translate }) {
  const original = item.result?.originalInfo;
  const info = original?.imageInfo;
  return (
    <div className="result">
      <dl className="result-facts" data-testid="original-info">
        <dt>{t("item.original")}</dt>
        <dd className="mono">{original?.location ?? `${item.bucket}/${item.originalKey}`}</dd>
        <dt>ETag</dt>
        <dd className="mono">{original?.etag ?? item.etag ?? "—"}</dd>
        {info && (
          <>
            <dt>{t("item.imageInfo")}</dt>
            <dd data-testid="image-info">
              {info.format} · {info.width}×{info.height} · {t("item.quality", { quality: info.quality })} ·{" "}
              {t("item.orientation", { orientation: orientationText(t, Number(info.orientation)) })} ·{" "}
              <span className="swatch" style={{ background: averageColour(info.ave) }} aria-hidden="true" />
              {t("item.averageColour", { colour: averageColour(info.ave) })}
            </dd>
          </>
        )}
        {item.recovered && <dd>{t("item.recovered")}</dd>}
      </dl>
      <ul className="process-results">
        {item.result?.processResults.map((result, index) => (
          <li key={result.key} data-testid="process-result">
            <InView className="result-thumb">
              <Thumbnail
                bucket={item.resultKeys[index]?.bucket ?? item.bucket}
                objectKey={result.key}
                etag={result.etag}
                size={96}
                bytes={result.size}
              />
            </InView>
            <div>
              <p className="mono">{result.key}</p>
              <p className="meta">
                {result.format} {result.width}×{result.height} · {formatBytes(result.size)} ·{" "}
                {t("item.quality", { quality: result.quality })}
              </p>
              <p className="meta mono">
                {result.location} · {result.etag}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FailedItem({
  error,
  t,
  batchId,
  itemId,
}: {
  error: AppError;
  t: Translate;
  batchId: string;
  itemId: string;
}) {
  const explained = explainError(t, error);
  const control = useBatches((state) => state.control);
  return (
    <div className="failure" data-testid="item-error">
      <p>
        <strong className="mono">{error.code}</strong>: <ErrorMessage error={error} />
      </p>
      {explained && <p className="hint">{explained}</p>}
      <button type="button" onClick={() => control("retry", batchId, [itemId])}>
        {t("item.retry")}
      </button>
    </div>
  );
}
