import { RefreshCw } from "lucide-react";
import { useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n";
import { Field } from "../../ui/Field";
import { useBrowse } from "./context";
import type { SortKey } from "./entries";

/** The bucket to browse, back/forward/up, the breadcrumbs, and the filter, sort and view. */
export function BrowseBar() {
  const t = useT();
  const {
    place,
    history,
    at,
    view,
    sort,
    descending,
    filter,
    open,
    back,
    forward,
    refresh,
    listing,
    setOrder,
  } = useBrowse(
    useShallow((state) => ({
      place: state.place,
      history: state.history,
      at: state.at,
      view: state.view,
      sort: state.sort,
      descending: state.descending,
      filter: state.filter,
      open: state.open,
      back: state.back,
      forward: state.forward,
      refresh: state.refresh,
      listing: state.listing,
      setOrder: state.setOrder,
    })),
  );
  const [bucket, setBucket] = useState(place?.bucket ?? "");
  useEffect(() => setBucket(place?.bucket ?? ""), [place?.bucket]);

  const segments = (place?.prefix ?? "").split("/").filter(Boolean);
  const parent =
    segments.length > 0 ? `${segments.slice(0, -1).join("/")}${segments.length > 1 ? "/" : ""}` : undefined;

  return (
    <div className="browse-bar">
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (bucket.trim()) open({ bucket: bucket.trim(), prefix: "" });
        }}
      >
        <Field id="browse-bucket" label={t("browse.bucket")}>
          <input
            id="browse-bucket"
            className="mono"
            value={bucket}
            onChange={(event) => setBucket(event.target.value)}
          />
        </Field>
        <button type="submit">{t("browse.open")}</button>
      </form>
      <div className="row">
        <button
          type="button"
          onClick={back}
          disabled={at <= 0}
          title={t("browse.navHint")}
          aria-keyshortcuts="Alt+ArrowLeft"
        >
          ← {t("browse.back")}
        </button>
        <button
          type="button"
          onClick={forward}
          disabled={at >= history.length - 1}
          title={t("browse.navHint")}
          aria-keyshortcuts="Alt+ArrowRight"
        >
          {t("browse.forward")} →
        </button>
        <button
          type="button"
          disabled={!place || parent === undefined}
          onClick={() => place && parent !== undefined && open({ bucket: place.bucket, prefix: parent })}
        >
          ↑ {t("browse.up")}
        </button>
        <button type="button" disabled={!place || listing} onClick={refresh}>
          <RefreshCw size={14} aria-hidden="true" /> {t("browse.refresh")}
        </button>
        {place && (
          <nav aria-label={t("browse.breadcrumbs")} className="breadcrumbs">
            <ol>
              <li>
                <button
                  type="button"
                  className="link mono"
                  aria-current={segments.length === 0 ? "location" : undefined}
                  onClick={() => open({ bucket: place.bucket, prefix: "" })}
                >
                  {place.bucket}
                </button>
              </li>
              {segments.map((segment, index) => {
                const prefix = `${segments.slice(0, index + 1).join("/")}/`;
                return (
                  <li key={prefix}>
                    <button
                      type="button"
                      className="link mono"
                      aria-current={index === segments.length - 1 ? "location" : undefined}
                      onClick={() => open({ bucket: place.bucket, prefix })}
                    >
                      {segment}
                    </button>
                  </li>
                );
              })}
            </ol>
          </nav>
        )}
      </div>
      <div className="row browse-order">
        <Field id="browse-filter" label={t("browse.filter")}>
          <input
            id="browse-filter"
            type="search"
            value={filter}
            placeholder={t("browse.filterPlaceholder")}
            onChange={(event) => setOrder({ filter: event.target.value })}
          />
        </Field>
        <Field id="browse-sort" label={t("browse.sort")}>
          <select
            id="browse-sort"
            value={sort}
            onChange={(event) => setOrder({ sort: event.target.value as SortKey })}
          >
            <option value="name">{t("browse.sortName")}</option>
            <option value="size">{t("browse.sortSize")}</option>
            <option value="date">{t("browse.sortDate")}</option>
            <option value="pixels">{t("browse.sortPixels")}</option>
          </select>
        </Field>
        <button type="button" aria-pressed={descending} onClick={() => setOrder({ descending: !descending })}>
          {descending ? `↓ ${t("browse.descending")}` : `↑ ${t("browse.ascending")}`}
        </button>
        <fieldset className="view-switch">
          <legend>{t("browse.view")}</legend>
          <button type="button" aria-pressed={view === "grid"} onClick={() => setOrder({ view: "grid" })}>
            {t("browse.grid")}
          </button>
          <button type="button" aria-pressed={view === "list"} onClick={() => setOrder({ view: "list" })}>
            {t("browse.list")}
          </button>
        </fieldset>
      </div>
    </div>
  );
}
