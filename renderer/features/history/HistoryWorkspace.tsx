import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import type { HistoryEntryView } from "../../../shared/history/history";
import { type Translate, useLanguage, useT } from "../../i18n";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { formatDateTime } from "../../ui/format";
import { LinksMenu } from "../links";
import { useHistory } from "./context";
import { RemovalConfirmation } from "./RemovalConfirmation";
import "./history.css";

/** Every file uploaded or processed, across restarts: searchable, linkable, removable. */
export function HistoryWorkspace() {
  const t = useT();
  const filter = useHistory((state) => state.filter);
  const entries = useHistory((state) => state.entries);
  const selected = useHistory((state) => state.selected);
  const error = useHistory((state) => state.error);
  const lastRemoval = useHistory((state) => state.lastRemoval);
  const { setFilter, search, setSelected, remove } = useHistory(
    useShallow((state) => ({
      setFilter: state.setFilter,
      search: state.search,
      setSelected: state.setSelected,
      remove: state.remove,
    })),
  );

  useEffect(() => {
    void search();
  }, [search]);

  const allSelected = entries.length > 0 && selected.length === entries.length;
  return (
    <section aria-labelledby="history-tab-heading" className="history-workspace">
      <h3 id="history-tab-heading">{t("historyTab.heading")}</h3>
      <search>
        <form
          className="row history-search"
          onSubmit={(event) => {
            event.preventDefault();
            void search();
          }}
        >
          <label>
            {t("historyTab.search")}{" "}
            <input
              type="search"
              value={filter.text}
              onChange={(event) => setFilter({ text: event.target.value })}
            />
          </label>
          <label>
            {t("historyTab.from")}{" "}
            <input
              type="date"
              value={filter.from}
              onChange={(event) => setFilter({ from: event.target.value })}
            />
          </label>
          <label>
            {t("historyTab.to")}{" "}
            <input
              type="date"
              value={filter.to}
              onChange={(event) => setFilter({ to: event.target.value })}
            />
          </label>
          <button type="submit">{t("historyTab.find")}</button>
        </form>
      </search>
      {error && (
        <p role="alert" className="notice notice-error">
          <ErrorMessage error={error} />
        </p>
      )}
      <div className="row">
        <label>
          <input
            type="checkbox"
            checked={allSelected}
            disabled={entries.length === 0}
            onChange={() => setSelected(allSelected ? [] : entries.map((entry) => entry.id))}
          />{" "}
          {t("historyTab.selectAll")}
        </label>
        <span className="meta" data-testid="history-count">
          {t("historyTab.count", { count: entries.length })}
        </span>
        <button type="button" disabled={selected.length === 0} onClick={() => remove(false)}>
          {t("historyTab.remove")}
        </button>
        <button
          type="button"
          className="danger"
          disabled={selected.length === 0}
          onClick={() => remove(true)}
        >
          {t("historyTab.removeWithObjects")}
        </button>
        <span role="status" data-testid="history-removal">
          {lastRemoval && t("historyTab.removed", { count: lastRemoval.removed })}
          {lastRemoval &&
            lastRemoval.failed > 0 &&
            ` ${t("historyTab.deleteFailed", { count: lastRemoval.failed })}`}
        </span>
      </div>
      <RemovalConfirmation />
      <SelectionLinks entries={entries} selected={selected} t={t} />
      {entries.length === 0 ? (
        <p className="hint">{t("historyTab.none")}</p>
      ) : (
        <ul className="plain history-entries" data-testid="history-entries">
          {entries.map((entry) => (
            <EntryRow key={entry.id} entry={entry} selected={selected.includes(entry.id)} t={t} />
          ))}
        </ul>
      )}
    </section>
  );
}

function EntryRow({ entry, selected, t }: { entry: HistoryEntryView; selected: boolean; t: Translate }) {
  const language = useLanguage((state) => state.language);
  const setSelected = useHistory((state) => state.setSelected);
  const current = useHistory((state) => state.selected);
  return (
    <li className="history-entry" data-testid="history-entry">
      <input
        type="checkbox"
        id={`history-${entry.id}`}
        aria-label={t("historyTab.select", { name: entry.name })}
        checked={selected}
        onChange={() =>
          setSelected(selected ? current.filter((id) => id !== entry.id) : [...current, entry.id])
        }
      />
      <div>
        <p>
          <span className="mono name">{entry.name}</span>{" "}
          <span className="meta">
            {t(`historyTab.kind.${entry.kind}`)} · {formatDateTime(language, entry.at)}
          </span>
        </p>
        {entry.links ? (
          <dl className="history-links">
            <dt>{t("historyTab.original")}</dt>
            <dd className="mono">
              <a href={entry.links.original} target="_blank" rel="noreferrer">
                {entry.original.key}
              </a>
            </dd>
            {entry.outputs.length > 0 && (
              <>
                <dt>{t("historyTab.outputs")}</dt>
                {entry.outputs.map((output, index) => (
                  <dd key={`${output.bucket}/${output.key}`} className="mono">
                    <a href={entry.links?.outputs[index]} target="_blank" rel="noreferrer">
                      {output.key}
                    </a>
                  </dd>
                ))}
              </>
            )}
          </dl>
        ) : (
          <p className="hint">{t("historyTab.connectionGone")}</p>
        )}
      </div>
    </li>
  );
}

/** Links of the selected entries' originals, which must share one connection and bucket to be linked together. */
function SelectionLinks(props: { entries: HistoryEntryView[]; selected: string[]; t: Translate }) {
  const chosen = props.entries.filter((entry) => props.selected.includes(entry.id) && entry.links);
  const [first] = chosen;
  if (!first) return <p className="hint">{props.t("historyTab.linksHint")}</p>;
  const together = chosen.filter(
    (entry) => entry.connectionId === first.connectionId && entry.original.bucket === first.original.bucket,
  );
  return (
    <LinksMenu
      id="history-links"
      source={{
        kind: "objects",
        connectionId: first.connectionId,
        bucket: first.original.bucket,
        keys: together.map((entry) => entry.original.key),
      }}
      connectionId={first.connectionId}
      canOpen={together.length === 1}
    />
  );
}
