import { useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import type { AppError } from "../../../shared/errors";
import type { DeleteOutcome } from "../../../shared/ipc/channels/bucket";
import { api, failureOf } from "../../api";
import { useT } from "../../i18n";
import { errorText } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { useBrowse } from "./store";

/** Saves an object through the browser's own download, from the one-off URL the main process made for it. */
function save(url: string, fileName: string) {
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
}

/** Download, delete and copy-URL for the selected objects (or the focused one). */
export function ManageBar() {
  const t = useT();
  const { place, selected, focused, objects, refresh } = useBrowse(
    useShallow((state) => ({
      place: state.place,
      selected: state.selected,
      focused: state.focused,
      objects: state.objects,
      refresh: state.refresh,
    })),
  );
  const [status, setStatus] = useState<string | undefined>();
  const [failure, setFailure] = useState<AppError | undefined>();
  const [failures, setFailures] = useState<{ key: string; error: AppError }[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<DeleteOutcome | undefined>();
  const dialog = useRef<HTMLDialogElement>(null);
  if (!place) return null;
  const keys = [...selected];
  const single =
    keys.length === 1 ? keys[0] : focused && objects.some((o) => o.key === focused) ? focused : undefined;

  const download = async () => {
    setBusy(true);
    setStatus(t("manage.downloading"));
    setFailure(undefined);
    setFailures([]);
    try {
      const { host } = await api.call("app.describe", {});
      if (host === "electron") {
        const result = await api.call("bucket.download", { bucket: place.bucket, keys, base: place.prefix });
        if (result.kind === "saved") {
          const failed = result.files.flatMap(({ key, error }) => (error ? [{ key, error }] : []));
          setFailures(failed);
          setStatus(
            t("manage.downloaded", { count: result.files.length - failed.length, folder: result.folder }),
          );
        } else setStatus(undefined);
        return;
      }
      // The objects are streamed from the bucket as the browser saves them: nothing is held meanwhile.
      const result = await api.call("bucket.download", { bucket: place.bucket, keys, base: place.prefix });
      if (result.kind === "browser") for (const file of result.files) save(file.url, file.fileName);
      setStatus(t("manage.downloadedBrowser", { count: keys.length }));
    } catch (error) {
      setStatus(undefined);
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  const copyUrl = async () => {
    if (!single) return;
    setFailure(undefined);
    try {
      const { url } = await api.call("bucket.objectUrl", { bucket: place.bucket, key: single });
      try {
        await navigator.clipboard.writeText(url);
        setStatus(t("manage.copied", { url }));
      } catch {
        setStatus(t("manage.copyFailed", { url }));
      }
    } catch (error) {
      setStatus(undefined);
      setFailure(failureOf(error));
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      const result = await api.call("bucket.delete", { bucket: place.bucket, keys });
      setOutcome(result);
      if (result.deleted.length > 0) refresh();
    } catch (error) {
      setOutcome({
        deleted: [],
        failed: keys.map((key) => ({ key, ...failureOf(error) })),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="row manage-bar" role="toolbar" aria-label={t("manage.actions")}>
      <button type="button" disabled={keys.length === 0 || busy} onClick={download}>
        {t("manage.download")}
      </button>
      <button
        type="button"
        className="danger"
        disabled={keys.length === 0 || busy}
        onClick={() => {
          setOutcome(undefined);
          dialog.current?.showModal();
        }}
      >
        {t("manage.delete")}
      </button>
      <button type="button" disabled={!single} onClick={copyUrl}>
        {t("manage.copyUrl")}
      </button>
      {status && (
        <span className="meta" role="status">
          {status}
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
              {t("manage.deleteOutcome", { deleted: outcome.deleted.length, failed: outcome.failed.length })}
            </p>
            <ul className="plain mono delete-keys">
              {outcome.failed.map((failure) => (
                <li key={failure.key} className="field-error">
                  {t("manage.deleteFailedKey", {
                    key: failure.key,
                    code: failure.code,
                    message: errorText(t, failure),
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
            <button type="button" className="danger" disabled={busy} onClick={remove}>
              {busy ? t("manage.deleting") : t("manage.confirmDelete", { count: keys.length })}
            </button>
          )}
        </div>
      </dialog>
    </div>
  );
}
