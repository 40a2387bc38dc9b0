import {
  type ImageView2Stage,
  limitOf,
  type QualitySetting,
  RULE_LIMITS,
  type RuleImageFormat,
} from "../../../../shared/rules";
import { VIEW2_FORMATS } from "../../../../shared/rules/vocabulary";
import { type MessageKey, useT } from "../../../i18n";
import { describedBy, Field } from "../../../ui/Field";
import { NumberField } from "./NumberField";
import { QualityFields } from "./QualityFields";

const MODE_HELP: Record<number, MessageKey> = {
  1: "rules.view2.mode1",
  2: "rules.view2.mode2",
  3: "rules.view2.mode3",
  4: "rules.view2.mode4",
  5: "rules.view2.mode5",
};

type Mode = NonNullable<ImageView2Stage["mode"]>;

const { min, max } = RULE_LIMITS.imageView2.mode;
const MODES = Array.from({ length: max - min + 1 }, (_, i) => (min + i) as Mode);

/** imageView2's quick thumbnail templates (reference §7.4): mode, bounds, format, quality. */
export function View2Form(props: {
  id: string;
  stage: ImageView2Stage;
  onChange(stage: ImageView2Stage, source: string): void;
}) {
  const t = useT();
  const { stage, id } = props;
  const patch = (change: Partial<ImageView2Stage>, field: string) =>
    props.onChange({ ...stage, ...change }, `${id}-${field}`);
  const longShort = stage.mode === 4 || stage.mode === 5;
  const resizes = stage.mode !== undefined;
  // Bounds typed without a mode stay visible, so the designer can see and clear them.
  const showBounds = resizes || stage.width !== undefined || stage.height !== undefined;

  return (
    <div className="step-form">
      <fieldset className="choices">
        <legend>{t("rules.view2.mode")}</legend>
        <div className="choice">
          <input
            type="radio"
            id={`${id}-mode-none`}
            name={`${id}-mode`}
            checked={!resizes}
            aria-describedby={`${id}-mode-none-help`}
            // Bounds mean nothing without a mode (COS would refuse them): they go with it.
            onChange={() => patch({ mode: undefined, width: undefined, height: undefined }, "mode")}
          />
          <label htmlFor={`${id}-mode-none`}>
            <strong>{t("rules.view2.noResize")}</strong>
          </label>
          <span className="hint" id={`${id}-mode-none-help`}>
            {t("rules.view2.noResizeHelp")}
          </span>
        </div>
        {MODES.map((mode) => (
          <div key={mode} className="choice">
            <input
              type="radio"
              id={`${id}-mode-${mode}`}
              name={`${id}-mode`}
              checked={stage.mode === mode}
              aria-describedby={`${id}-mode-${mode}-help`}
              onChange={() => patch({ mode }, "mode")}
            />
            <label htmlFor={`${id}-mode-${mode}`}>
              <strong>{t("rules.view2.modeN", { n: mode })}</strong>
            </label>
            <span className="hint" id={`${id}-mode-${mode}-help`}>
              {t(MODE_HELP[mode] ?? "rules.view2.mode2")}
            </span>
          </div>
        ))}
      </fieldset>
      <div className="grid-2">
        {showBounds && (
          <>
            <NumberField
              id={`${id}-w`}
              label={t(longShort ? "rules.field.longEdge" : "rules.field.width")}
              limit={limitOf("imageView2", "w")}
              value={stage.width}
              optional
              onChange={(width) => patch({ width }, "w")}
            />
            <NumberField
              id={`${id}-h`}
              label={t(longShort ? "rules.field.shortEdge" : "rules.field.height")}
              limit={limitOf("imageView2", "h")}
              value={stage.height}
              optional
              onChange={(height) => patch({ height }, "h")}
            />
          </>
        )}
        <Field id={`${id}-format`} label={t("rules.field.format")}>
          <select
            id={`${id}-format`}
            value={stage.format ?? ""}
            onChange={(event) =>
              patch({ format: (event.target.value || undefined) as RuleImageFormat | undefined }, "format")
            }
            {...describedBy(`${id}-format`)}
          >
            <option value="">{t("rules.view2.keepFormat")}</option>
            {VIEW2_FORMATS.map((format) => (
              <option key={format} value={format}>
                {format}
              </option>
            ))}
          </select>
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={stage.quality !== undefined}
            onChange={(event) =>
              patch(
                { quality: event.target.checked ? { kind: "absolute", value: 80, force: false } : undefined },
                "quality",
              )
            }
          />
          {t("rules.view2.setQuality")}
        </label>
      </div>
      {stage.quality && (
        <QualityFields
          id={`${id}-q`}
          quality={stage.quality}
          onChange={(quality: QualitySetting, source) => props.onChange({ ...stage, quality }, source)}
        />
      )}
      <KeptParameters unknown={stage.unknown} />
    </div>
  );
}

/** Parameters this version does not know: shown, never dropped. */
export function KeptParameters(props: { unknown: { name: string; value: string }[] }) {
  const t = useT();
  if (props.unknown.length === 0) return null;
  return (
    <p className="hint">
      {t("rules.step.keptParameters")}{" "}
      <code className="mono">{props.unknown.map((p) => `${p.name}/${p.value}`).join("/")}</code>
    </p>
  );
}
