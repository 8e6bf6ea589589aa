import { useQuery } from "@tanstack/react-query";
import { TYPOLOGIES, type Typology } from "../../../common/domain/agent-record.ts";
import { agentQueryKeys, fetchMobileTypologyEnabled } from "../../api/agents.api.ts";
import { TYPOLOGY_LABELS } from "./agent-labels.ts";
import type { SelectOption } from "../../components/select-field.tsx";

/** The typologies to offer: mobile only where the account enables it (or the agent already is one). */
export function useTypologyOptions(current?: Typology): SelectOption[] {
  const mobile = useQuery({ queryKey: agentQueryKeys.mobileTypology, queryFn: fetchMobileTypologyEnabled, staleTime: 60_000 });
  return TYPOLOGIES.filter((typology) => typology !== "mobile" || mobile.data === true || current === "mobile").map((typology) => ({
    value: typology,
    label: TYPOLOGY_LABELS[typology],
  }));
}
