import { useEffect } from "react";
import { STANDARD_DESTINATION_DEFAULT } from "../../../shared/destinations/destination-default";
import { LINK_FORMATS } from "../../../shared/links/link-formats";
import { useT } from "../../i18n";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { useActiveConnection } from "../connections";
import { useQuick } from "./context";
import { DefaultRow, NewPrefixRow } from "./DefaultRow";
import type { QuickLinkFormat } from "./store";

/** Quick upload on or off, the format its links are copied in, and the defaults it uploads with. */
export function QuickPanel() {
  const t = useT();
  const active = useActiveConnection();
  const quick = useQuick((state) => state.quick);
  const linkFormat = useQuick((state) => state.linkFormat);
  const outcome = useQuick((state) => state.outcome);
  const error = useQuick((state) => state.error);
  const defaults = useQuick((state) => state.defaults);
  const prefixes = useQuick((state) => state.prefixes);
  const setQuick = useQuick((state) => state.setQuick);
  const setLinkFormat = useQuick((state) => state.setLinkFormat);
  const loadDefaults = useQuick((state) => state.loadDefaults);

  useEffect(() => {
    void loadDefaults();
  }, [loadDefaults]);

  const connectionId = active?.id;
  const own = connectionId ? (prefixes[connectionId] ?? {}) : {};
  return (
    <section aria-labelledby="quick-heading" className="card quick-panel" data-testid="quick-panel">
      <h3 id="quick-heading">{t("quick.heading")}</h3>
      <div className="row">
        <label className="checkbox">
          <input type="checkbox" checked={quick} onChange={(event) => setQuick(event.target.checked)} />
          {t("quick.toggle")}
        </label>
        <label>
          {t("quick.linkFormat")}{" "}
          <select
            value={linkFormat}
            onChange={(event) => setLinkFormat(event.target.value as QuickLinkFormat)}
          >
            {LINK_FORMATS.map((format) => (
              <option key={format} value={format}>
                {t(`links.format.${format}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p role="status" data-testid="quick-outcome">
        {outcome?.kind === "running" && t("quick.running", { count: outcome.files })}
        {outcome?.kind === "done" && t("quick.done", { count: outcome.done })}
        {outcome?.kind === "done" &&
          outcome.failed > 0 &&
          ` ${t("quick.someFailed", { count: outcome.failed })}`}
        {outcome?.kind === "failed" && <ErrorMessage error={outcome.error} />}
        {outcome?.kind === "refused" && (
          <>
            <ErrorMessage error={outcome.error} /> {t("quick.keptInList")}
          </>
        )}
      </p>
      {error && (
        <p role="alert" className="notice notice-error">
          <ErrorMessage error={error} />
        </p>
      )}
      {connectionId && (
        <details className="quick-defaults">
          <summary>
            {t("quick.defaultsHeading", {
              connection: active?.kind === "local" ? t("connections.local") : (active?.label ?? ""),
            })}
          </summary>
          <p className="hint">{t("quick.defaultsHint")}</p>
          <DefaultRow
            connectionId={connectionId}
            prefix=""
            saved={defaults[connectionId] ?? STANDARD_DESTINATION_DEFAULT}
          />
          {Object.entries(own)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([prefix, destination]) => (
              <DefaultRow key={prefix} connectionId={connectionId} prefix={prefix} saved={destination} />
            ))}
          <NewPrefixRow connectionId={connectionId} taken={Object.keys(own)} />
        </details>
      )}
    </section>
  );
}
