import { useEffect, useRef } from "react";
import { useT } from "../../i18n";
import { useHistory } from "./context";

/** The exact objects that removing with objects deletes, for the designer to confirm or keep. */
export function RemovalConfirmation() {
  const t = useT();
  const confirming = useHistory((state) => state.confirming);
  const confirmRemoval = useHistory((state) => state.confirmRemoval);
  const cancelRemoval = useHistory((state) => state.cancelRemoval);
  const keep = useRef<HTMLButtonElement>(null);

  // The safe choice takes the focus, so Enter never deletes by accident.
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  if (!confirming) return null;
  // In the bucket's own order, whatever order the uploads happened to finish in.
  const objects = confirming.objects
    .map((object) => ({ ...object, place: `${object.bucket}/${object.key}` }))
    .sort((a, b) => (a.place < b.place ? -1 : a.place > b.place ? 1 : 0));
  return (
    <div
      role="alertdialog"
      aria-labelledby="history-confirm-heading"
      aria-describedby="history-confirm-text"
      className="card notice notice-warning"
      data-testid="history-confirm"
      onKeyDown={(event) => {
        if (event.key === "Escape") cancelRemoval();
      }}
    >
      <h4 id="history-confirm-heading">{t("historyTab.confirmHeading")}</h4>
      <p id="history-confirm-text">{t("historyTab.confirmText", { count: objects.length })}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a long list scrolls on its own, so keyboard users must be able to focus it to scroll (WCAG 2.1.1) */}
      <ul className="plain mono history-confirm-list" tabIndex={0} aria-labelledby="history-confirm-heading">
        {objects.map((object) => (
          <li key={`${object.connectionId}/${object.bucket}/${object.key}`}>{object.place}</li>
        ))}
      </ul>
      <div className="row">
        <button type="button" ref={keep} onClick={cancelRemoval}>
          {t("historyTab.cancel")}
        </button>
        <button type="button" className="danger" onClick={() => confirmRemoval()}>
          {t("historyTab.confirm")}
        </button>
      </div>
    </div>
  );
}
