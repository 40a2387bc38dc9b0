import { type Gravity, limitOf } from "../../../../shared/rules";
import { useT } from "../../../i18n";
import { GravityPicker } from "./GravityPicker";
import { NumberField } from "./NumberField";

/** Where a watermark sits and how opaque it is: the fields image and text watermarks share. */
export interface Placement {
  gravity?: Gravity | undefined;
  dx?: number | undefined;
  dy?: number | undefined;
  dissolve?: number | undefined;
}

export function WatermarkPlacement(props: {
  id: string;
  operation: "watermark/1" | "watermark/2";
  value: Placement;
  onChange(change: Placement, field: keyof Placement): void;
}) {
  const t = useT();
  const { id, value, onChange } = props;
  const number = (name: "dx" | "dy" | "dissolve", label: string) => (
    <NumberField
      id={`${id}-${name}`}
      label={label}
      limit={limitOf(props.operation, name)}
      value={value[name]}
      optional
      onChange={(next) => onChange({ [name]: next }, name)}
    />
  );
  return (
    <>
      <GravityPicker
        label={t("rules.field.position")}
        value={value.gravity}
        fallback="southeast"
        onChange={(gravity) => onChange({ gravity }, "gravity")}
      />
      <div className="grid-2">
        {number("dx", t("rules.field.marginX"))}
        {number("dy", t("rules.field.marginY"))}
        {number("dissolve", t("rules.field.opacity"))}
      </div>
    </>
  );
}
