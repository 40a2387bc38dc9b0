import "./picgo.css";
import { useEffect, useState } from "react";
import type { ConnectionSummary } from "../../../shared/connections";
import type { PicGoStatus } from "../../../shared/picgo/endpoint";
import { type Translate, useT } from "../../i18n";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { useEditorUploads } from "./context";
import { EditorUploadsDialog } from "./EditorUploadsDialog";

/** The endpoint's state, always in view in the sidebar, and the way to its settings. */
export function EditorUploads({ connection }: { connection: ConnectionSummary | undefined }) {
  const t = useT();
  const endpoint = useEditorUploads((state) => state.endpoint);
  const error = useEditorUploads((state) => state.error);
  const load = useEditorUploads((state) => state.load);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="picgo-heading" className="editor-uploads">
      <h2 id="picgo-heading">{t("picgo.heading")}</h2>
      <p
        role="status"
        data-testid="picgo-status"
        data-state={endpoint?.status.state}
        className={
          endpoint && endpoint.status.state !== "listening" && endpoint.status.state !== "off"
            ? "notice notice-warning"
            : "hint"
        }
      >
        {endpoint && statusText(t, endpoint.status)}
      </p>
      {error && (
        <p role="alert" className="notice notice-error">
          <ErrorMessage error={error} />
        </p>
      )}
      <button type="button" onClick={() => setEditing(true)} disabled={!endpoint || !connection}>
        {t("picgo.settings")}
      </button>
      {editing && endpoint && connection && (
        <EditorUploadsDialog connection={connection} onClose={() => setEditing(false)} />
      )}
    </section>
  );
}

function statusText(t: Translate, status: PicGoStatus): string {
  switch (status.state) {
    case "off":
      return t("picgo.status.off");
    case "listening":
      return t("picgo.status.listening", { port: status.port });
    case "port-busy":
      return t("picgo.status.port-busy", { port: status.port });
    case "failed":
      return t("picgo.status.failed", { port: status.port, reason: status.reason });
  }
}
