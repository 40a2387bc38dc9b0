import { limitOf, type TextWatermarkStage } from "../../../../shared/rules";
import { useT } from "../../../i18n";
import { describedBy, Field } from "../../../ui/Field";
import { NumberField } from "./NumberField";
import { KeptParameters } from "./View2Form";
import { WatermarkPlacement } from "./WatermarkPlacement";

/**
 * Fonts offered for a text watermark. `tahoma.ttf` is COS's default (reference §7.5); the
 * others are the Chinese fonts Cloud Infinite commonly lists (unconfirmed: any name may be typed).
 */
const FONTS = ["tahoma.ttf", "simfang仿宋.ttf", "simhei黑体.ttf", "simkai楷体.ttf", "simsun宋体.ttc"];
/** COS's defaults (reference §7.5), shown when the rule leaves a parameter out. */
const DEFAULT_FILL = "#3D3D3D";

export function TextWatermarkForm(props: {
  id: string;
  stage: TextWatermarkStage;
  onChange(stage: TextWatermarkStage, source: string): void;
}) {
  const t = useT();
  const { stage, id } = props;
  const patch = (change: Partial<TextWatermarkStage>, field: string) =>
    props.onChange({ ...stage, ...change }, `${id}-${field}`);
  const limit = (name: "fontsize" | "degree" | "shadow") => limitOf("watermark/2", name);

  return (
    <div className="step-form">
      <Field id={`${id}-text`} label={t("rules.field.text")}>
        <input
          id={`${id}-text`}
          value={stage.text}
          onChange={(event) => patch({ text: event.target.value }, "text")}
          {...describedBy(`${id}-text`)}
        />
      </Field>
      <div className="grid-2">
        <Field id={`${id}-font`} label={t("rules.field.font")} hint={t("rules.watermark.fontHint")}>
          <input
            id={`${id}-font`}
            list={`${id}-fonts`}
            value={stage.font ?? ""}
            placeholder={FONTS[0]}
            onChange={(event) => patch({ font: event.target.value || undefined }, "font")}
            {...describedBy(`${id}-font`, "hint")}
          />
          <datalist id={`${id}-fonts`}>
            {FONTS.map((font) => (
              <option key={font} value={font} />
            ))}
          </datalist>
        </Field>
        <NumberField
          id={`${id}-fontsize`}
          label={t("rules.field.fontSize")}
          limit={limit("fontsize")}
          value={stage.fontsize}
          optional
          onChange={(fontsize) => patch({ fontsize }, "fontsize")}
        />
        <Field id={`${id}-fill`} label={t("rules.field.colour")}>
          <input
            id={`${id}-fill`}
            type="color"
            value={(stage.fill ?? DEFAULT_FILL).toLowerCase()}
            onChange={(event) => patch({ fill: event.target.value.toUpperCase() }, "fill")}
            {...describedBy(`${id}-fill`)}
          />
        </Field>
        <NumberField
          id={`${id}-shadow`}
          label={t("rules.field.shadow")}
          limit={limit("shadow")}
          value={stage.shadow}
          optional
          onChange={(shadow) => patch({ shadow }, "shadow")}
        />
      </div>
      <WatermarkPlacement id={id} operation="watermark/2" value={stage} onChange={patch} />
      <div className="grid-2">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={stage.batch ?? false}
            onChange={(event) =>
              patch(event.target.checked ? { batch: true } : { batch: undefined, degree: undefined }, "batch")
            }
          />
          {t("rules.watermark.tile")}
        </label>
        <NumberField
          id={`${id}-degree`}
          label={t("rules.field.tileAngle")}
          limit={limit("degree")}
          value={stage.degree}
          optional
          disabled={!stage.batch}
          onChange={(degree) => patch({ degree }, "degree")}
        />
      </div>
      <KeptParameters unknown={stage.unknown} />
    </div>
  );
}
