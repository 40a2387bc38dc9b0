import { useEffect, useState } from "react";
import type { ConnectionSummary } from "../../../shared/connections";
import { useT } from "../../i18n";
import { messageText } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { CosProfileDialog } from "./CosProfileDialog";
import { useConnections } from "./context";

export function ConnectionsPanel() {
  const t = useT();
  const connections = useConnections((state) => state.connections);
  const activeId = useConnections((state) => state.activeId);
  const vaultProblem = useConnections((state) => state.vaultProblem);
  const error = useConnections((state) => state.error);
  const load = useConnections((state) => state.load);
  const select = useConnections((state) => state.select);
  const removeConnection = useConnections((state) => state.remove);
  /** The dialog: `true` to add a connection, a connection to edit it. */
  const [editing, setEditing] = useState<ConnectionSummary | boolean>(false);

  useEffect(() => {
    void load();
  }, [load]);

  const remove = (connection: ConnectionSummary) => {
    if (window.confirm(t("connections.deleteConfirm", { label: connection.label }))) {
      void removeConnection(connection.id);
    }
  };

  return (
    <section aria-labelledby="connections-heading" className="connections">
      <h2 id="connections-heading">{t("nav.connections")}</h2>
      {vaultProblem && (
        <p role="alert" className="notice notice-warning">
          {messageText(t, vaultProblem)}
        </p>
      )}
      <ul className="connection-list">
        {connections.map((connection) => (
          <li
            key={connection.id}
            className={connection.id === activeId ? "connection active" : "connection"}
            data-testid={`connection-${connection.kind}`}
          >
            <div className="connection-text">
              <span className="connection-label">
                {connection.kind === "local" ? t("connections.local") : connection.label}
              </span>
              <span className="connection-meta">
                {connection.kind === "local"
                  ? t("connections.localHint")
                  : [connection.region, connection.defaultBucket].filter(Boolean).join(" · ")}
              </span>
              {connection.secretIdMasked && (
                <span className="connection-meta mono">
                  {t("connections.key", { key: connection.secretIdMasked })}
                </span>
              )}
              {connection.problem && (
                <span className="connection-problem" role="note">
                  {t("connections.damaged")}: {messageText(t, { messageId: connection.problem })}
                </span>
              )}
            </div>
            <div className="connection-actions">
              {connection.id === activeId ? (
                <span className="badge">{t("connections.active")}</span>
              ) : (
                !connection.problem && (
                  <button type="button" onClick={() => select(connection.id)}>
                    {t("connections.use")}
                  </button>
                )
              )}
              {connection.kind === "cos" && !connection.problem && (
                <button
                  type="button"
                  aria-label={`${t("connections.edit")} ${connection.label}`}
                  onClick={() => setEditing(connection)}
                >
                  {t("connections.edit")}
                </button>
              )}
              {connection.kind === "cos" && (
                <button
                  type="button"
                  className="danger"
                  aria-label={`${t("connections.delete")} ${connection.label}`}
                  onClick={() => remove(connection)}
                >
                  {t("connections.delete")}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="notice notice-error">
          <ErrorMessage error={error} />
        </p>
      )}
      <button type="button" className="primary wide" onClick={() => setEditing(true)}>
        {t("connections.add")}
      </button>
      {editing && (
        <CosProfileDialog
          profile={typeof editing === "object" ? editing : undefined}
          onClose={() => setEditing(false)}
        />
      )}
    </section>
  );
}
