import { useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { type Translate, useT } from "../../i18n";
import { errorText } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { ObjectLinks } from "../links";
import { useBrowse, useManage } from "./context";
import type { ManageStatus } from "./manage-store";

function statusText(t: Translate, status: ManageStatus): string {
  switch (status.kind) {
    case "downloading":
      return t("manage.downloading");
    case "downloaded":
      return t("manage.downloaded", { count: status.count, folder: status.folder });
    case "downloadedBrowser":
      return t("manage.downloadedBrowser", { count: status.count });
    case "copied":
      return t("manage.copied", { url: status.url });
    case "copyFailed":
      return t("manage.copyFailed", { url: status.url });
  }
}

/**
 * Download, delete and copy-URL for the selected objects (or the focused one), and links to a
 * selection of several (one object's links sit in its details).
 */
export function ManageBar() {
  const t = useT();
  const { place, selected, focused, focusedListed } = useBrowse(
    useShallow((state) => ({
      place: state.place,
      selected: state.selected,
      focused: state.focused,
      // Not the objects themselves: this bar would be drawn again with every listing page.
      focusedListed: state.focused !== undefined && state.objects.some((o) => o.key === state.focused),
    })),
  );
  const { status, failure, failures, busy, outcome, download, copyUrl, forgetOutcome, remove } = useManage(
    useShallow((state) => ({
      status: state.status,
      failure: state.failure,
      failures: state.failures,
      busy: state.busy,
      outcome: state.outcome,
      download: state.download,
      copyUrl: state.copyUrl,
      forgetOutcome: state.forgetOutcome,
      remove: state.remove,
    })),
  );
  const dialog = useRef<HTMLDialogElement>(null);
  if (!place) return null;
  const keys = [...selected];
  const single = keys.length === 1 ? keys[0] : focusedListed ? focused : undefined;

  return (
    <>
      <div className="row manage-bar" role="toolbar" aria-label={t("manage.actions")}>
        <button type="button" disabled={keys.length === 0 || busy} onClick={() => download(place, keys)}>
          {t("manage.download")}
        </button>
        <button
          type="button"
          className="danger"
          disabled={keys.length === 0 || busy}
          onClick={() => {
            forgetOutcome();
            dialog.current?.showModal();
          }}
        >
          {t("manage.delete")}
        </button>
        <button type="button" disabled={!single} onClick={() => single && copyUrl(place, single)}>
          {t("manage.copyUrl")}
        </button>
        {status && (
          <span className="meta" role="status">
            {statusText(t, status)}
          </span>
        )}
        {failure && (
          <span className="meta" role="alert">
            <ErrorMessage error={failure} />
          </span>
        )}
        {failures.length > 0 && (
          <ul className="plain field-error">
            {failures.map(({ key, error }) => (
              <li key={key}>{t("manage.downloadFailed", { key, message: errorText(t, error) })}</li>
            ))}
          </ul>
        )}
        <dialog ref={dialog} className="dialog delete-dialog" aria-labelledby="delete-title">
          <h3 id="delete-title">{t("manage.confirmTitle", { count: keys.length })}</h3>
          {outcome ? (
            <div role="status" data-testid="delete-outcome">
              <p>
                {t("manage.deleteOutcome", {
                  deleted: outcome.deleted.length,
                  failed: outcome.failed.length,
                })}
              </p>
              <ul className="plain mono delete-keys">
                {outcome.failed.map((failed) => (
                  <li key={failed.key} className="field-error">
                    {t("manage.deleteFailedKey", {
                      key: failed.key,
                      code: failed.code,
                      message: errorText(t, failed),
                    })}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <p>{t("manage.confirmText", { bucket: place.bucket })}</p>
              <ul className="plain mono delete-keys" data-testid="delete-keys">
                {keys.slice(0, 200).map((key) => (
                  <li key={key}>{key}</li>
                ))}
                {keys.length > 200 && <li>… +{keys.length - 200}</li>}
              </ul>
            </>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={() => dialog.current?.close()}>
              {outcome ? t("manage.close") : t("manage.cancel")}
            </button>
            {!outcome && (
              <button type="button" className="danger" disabled={busy} onClick={() => remove(place, keys)}>
                {busy ? t("manage.deleting") : t("manage.confirmDelete", { count: keys.length })}
              </button>
            )}
          </div>
        </dialog>
      </div>
      {keys.length > 1 && (
        <ObjectLinks
          id="selection-links"
          heading={t("links.selectionHeading", { count: keys.length })}
          bucket={place.bucket}
          keys={keys}
        />
      )}
    </>
  );
}
