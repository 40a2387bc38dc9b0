import { limitOf, type ThumbnailGeometry } from "../../../../shared/rules";
import { type MessageKey, useT } from "../../../i18n";
import { NumberField } from "./NumberField";

/** The thumbnail modes as a designer chooses them; each maps to one geometry of reference §7.1. */
type ThumbnailChoice =
  | "percent-both"
  | "percent-width"
  | "percent-height"
  | "fit"
  | "shrink"
  | "enlarge"
  | "cover"
  | "force"
  | "area";

const CHOICES: Record<ThumbnailChoice, { title: MessageKey; explanation: MessageKey }> = {
  "percent-both": { title: "rules.thumb.percentBoth", explanation: "rules.thumb.percentBothHelp" },
  "percent-width": { title: "rules.thumb.percentWidth", explanation: "rules.thumb.percentWidthHelp" },
  "percent-height": { title: "rules.thumb.percentHeight", explanation: "rules.thumb.percentHeightHelp" },
  fit: { title: "rules.thumb.fit", explanation: "rules.thumb.fitHelp" },
  shrink: { title: "rules.thumb.shrink", explanation: "rules.thumb.shrinkHelp" },
  enlarge: { title: "rules.thumb.enlarge", explanation: "rules.thumb.enlargeHelp" },
  cover: { title: "rules.thumb.cover", explanation: "rules.thumb.coverHelp" },
  force: { title: "rules.thumb.force", explanation: "rules.thumb.forceHelp" },
  area: { title: "rules.thumb.area", explanation: "rules.thumb.areaHelp" },
};

function choiceOf(geometry: ThumbnailGeometry): ThumbnailChoice {
  switch (geometry.mode) {
    case "percent":
      return `percent-${geometry.axis}`;
    case "fit":
      return geometry.only ?? "fit";
    default:
      return geometry.mode;
  }
}

/** Switching modes keeps the sizes already typed, so trying modes out costs nothing. */
function geometryFor(choice: ThumbnailChoice, from: ThumbnailGeometry): ThumbnailGeometry {
  const width = "width" in from ? from.width : undefined;
  const height = "height" in from ? from.height : undefined;
  const percent = from.mode === "percent" ? from.percent : 50;
  switch (choice) {
    case "percent-both":
    case "percent-width":
    case "percent-height":
      return {
        mode: "percent",
        axis: choice.slice("percent-".length) as "both" | "width" | "height",
        percent,
      };
    case "fit":
      return width === undefined && height === undefined
        ? { mode: "fit", width: 800 }
        : { mode: "fit", width, height };
    case "shrink":
    case "enlarge":
      return { mode: "fit", width: width ?? 800, height: height ?? 600, only: choice };
    case "cover":
    case "force":
      return { mode: choice, width: width ?? 800, height: height ?? 600 };
    case "area":
      return { mode: "area", pixels: from.mode === "area" ? from.pixels : 1_000_000 };
  }
}

export function ThumbnailForm(props: {
  id: string;
  geometry: ThumbnailGeometry;
  onChange(geometry: ThumbnailGeometry, source: string): void;
}) {
  const t = useT();
  const { geometry, id } = props;
  const choice = choiceOf(geometry);
  const set = (
    patch: Partial<Record<"width" | "height" | "percent" | "pixels", number | undefined>>,
    field: string,
  ) => props.onChange({ ...geometry, ...patch } as ThumbnailGeometry, `${id}-${field}`);

  return (
    <div className="step-form">
      <fieldset className="choices">
        <legend>{t("rules.thumb.mode")}</legend>
        {(Object.keys(CHOICES) as ThumbnailChoice[]).map((option) => (
          <div key={option} className="choice">
            <input
              type="radio"
              id={`${id}-mode-${option}`}
              name={`${id}-mode`}
              checked={option === choice}
              aria-describedby={`${id}-mode-${option}-help`}
              onChange={() => props.onChange(geometryFor(option, geometry), `${id}-mode`)}
            />
            <label htmlFor={`${id}-mode-${option}`}>
              <strong>{t(CHOICES[option].title)}</strong>
            </label>
            <span className="hint" id={`${id}-mode-${option}-help`}>
              {t(CHOICES[option].explanation)}
            </span>
          </div>
        ))}
      </fieldset>
      <div className="grid-2">
        {geometry.mode === "percent" && (
          <NumberField
            id={`${id}-percent`}
            label={t("rules.field.scale")}
            limit={limitOf("thumbnail", "percent")}
            value={geometry.percent}
            onChange={(percent) => set({ percent }, "percent")}
          />
        )}
        {(geometry.mode === "fit" || geometry.mode === "cover" || geometry.mode === "force") && (
          <>
            <NumberField
              id={`${id}-width`}
              label={t("rules.field.width")}
              limit={limitOf("thumbnail", "width")}
              value={geometry.width}
              optional={geometry.mode === "fit"}
              onChange={(width) => set({ width }, "width")}
            />
            <NumberField
              id={`${id}-height`}
              label={t("rules.field.height")}
              limit={limitOf("thumbnail", "height")}
              value={geometry.height}
              optional={geometry.mode === "fit"}
              onChange={(height) => set({ height }, "height")}
            />
          </>
        )}
        {geometry.mode === "area" && (
          <NumberField
            id={`${id}-pixels`}
            label={t("rules.field.area")}
            limit={limitOf("thumbnail", "pixels")}
            value={geometry.pixels}
            onChange={(pixels) => set({ pixels }, "pixels")}
          />
        )}
      </div>
    </div>
  );
}
