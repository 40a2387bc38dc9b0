import { ArrowDown, ArrowUp } from "lucide-react";
import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n";
import { useBrowse } from "./context";
import type { SortKey } from "./entries";

const COLUMNS: {
  sort: SortKey;
  label: "browse.colName" | "browse.colSize" | "browse.colDate" | "browse.colPixels";
}[] = [
  { sort: "name", label: "browse.colName" },
  { sort: "size", label: "browse.colSize" },
  { sort: "date", label: "browse.colDate" },
  { sort: "pixels", label: "browse.colPixels" },
];

/** The list view's column headers: a click sorts by the column, a second click reverses it. */
export function ListHeader() {
  const t = useT();
  const { sort, descending, setOrder } = useBrowse(
    useShallow((state) => ({ sort: state.sort, descending: state.descending, setOrder: state.setOrder })),
  );
  return (
    <fieldset className="list-header" data-testid="list-header">
      <legend className="visually-hidden">{t("browse.sort")}</legend>
      <div className="list-columns">
        {COLUMNS.map((column) => {
          const active = sort === column.sort;
          const Arrow = descending ? ArrowDown : ArrowUp;
          return (
            <button
              key={column.sort}
              type="button"
              aria-pressed={active}
              title={active ? (descending ? t("browse.descending") : t("browse.ascending")) : undefined}
              onClick={() => setOrder({ sort: column.sort, descending: active ? !descending : false })}
            >
              {t(column.label)}
              {active && <Arrow size={14} aria-hidden="true" />}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
