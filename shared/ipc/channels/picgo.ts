import { z } from "zod";
import {
  DestinationDefaultSchema,
  DestinationDefaultsSchema,
  PrefixDefaultsSchema,
} from "../../destinations/destination-default";
import { PicGoSettingsSchema, PicGoStateSchema } from "../../picgo/endpoint";
import { Empty } from "./common";

const DefaultsList = z.object({ defaults: DestinationDefaultsSchema });
const PrefixList = z.object({ prefixes: PrefixDefaultsSchema });

export const picgoChannels = {
  "picgo.state": { input: Empty, output: PicGoStateSchema },
  /** Saves the settings, then opens, moves or closes the endpoint to match them. */
  "picgo.configure": {
    input: z.object({ settings: PicGoSettingsSchema }).strict(),
    output: PicGoStateSchema,
  },
  "destinations.defaults": { input: Empty, output: DefaultsList },
  "destinations.setDefault": {
    input: z
      .object({ connectionId: z.string().min(1).max(64), destination: DestinationDefaultSchema })
      .strict(),
    output: DefaultsList,
  },
  /** Every connection's defaults for key prefixes. */
  "destinations.prefixDefaults": { input: Empty, output: PrefixList },
  /** Sets (or, with `destination: null`, removes) the default of one key prefix of a connection. */
  "destinations.setPrefixDefault": {
    input: z
      .object({
        connectionId: z.string().min(1).max(64),
        prefix: z.string().min(1).max(400),
        destination: DestinationDefaultSchema.nullable(),
      })
      .strict(),
    output: PrefixList,
  },
} as const;

export const picgoEvents = {
  "picgo.changed": PicGoStateSchema,
} as const;
