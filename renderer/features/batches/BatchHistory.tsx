import { useShallow } from "zustand/react/shallow";
import type { BatchSummary } from "../../../shared/uploads/batch";
import { useLanguage, useT } from "../../i18n";
import { formatDateTime } from "../../ui/format";
import { useBatches } from "./context";

/**
 * Every batch the app remembers, newest first, so an earlier one can be looked at again (to
 * retry what failed, or export its results) and a finished one removed from the list.
 * Shown once there is more than the one batch on screen.
 */
export function BatchHistory() {
  const t = useT();
  const language = useLanguage((state) => state.language);
  const { batches, shownId, show, forget } = useBatches(
    useShallow((state) => ({
      batches: state.batches,
      shownId: state.detail?.id,
      show: state.show,
      forget: state.forget,
    })),
  );
  if (batches.length < 2) return null;

  const row = (batch: BatchSummary) => {
    const when = formatDateTime(language, batch.createdAt);
    const shown = batch.id === shownId;
    return (
      <li key={batch.id} className="row spread" data-testid="history-batch" aria-current={shown || undefined}>
        <span>
          <strong>{when}</strong> · {t(`history.kind.${batch.kind}`)} · {t(`batch.state.${batch.state}`)} ·{" "}
          {t("history.summary", {
            files: batch.totals.files,
            done: batch.totals.done,
            failed: batch.totals.failed,
          })}
        </span>
        <span className="row">
          {shown ? (
            <span className="badge">{t("history.shown")}</span>
          ) : (
            <button
              type="button"
              aria-label={t("history.showNamed", { when })}
              onClick={() => show(batch.id)}
            >
              {t("history.show")}
            </button>
          )}
          {batch.state === "finished" && (
            <button
              type="button"
              className="link danger"
              aria-label={t("history.removeNamed", { when })}
              onClick={() => forget(batch.id)}
            >
              {t("history.remove")}
            </button>
          )}
        </span>
      </li>
    );
  };

  return (
    <section aria-labelledby="history-heading" className="card" data-testid="batch-history">
      <h3 id="history-heading">{t("history.heading")}</h3>
      <ul className="plain">{batches.map(row)}</ul>
    </section>
  );
}
