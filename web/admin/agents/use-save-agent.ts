import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { UpdateAgentRequest } from "../../../common/api/agents.ts";
import { isApiError } from "../../api/api-error.ts";
import { agentQueryKeys, fetchAgent, updateAgent } from "../../api/agents.api.ts";
import { agentErrorsFromApiError, hasErrors, type AgentFieldErrors } from "./agent-field-errors.ts";

export type AgentSaving = ReturnType<typeof useSaveAgent>;

/** The stored agent, as the agent page already loaded it. */
export function useStoredAgent(agentId: string) {
  return useQuery({ queryKey: agentQueryKeys.detail(agentId), queryFn: () => fetchAgent(agentId) });
}

/**
 * Saving one tab of the agent (toggle + Save): field errors from the server by field path, a general failure
 * message when the error names no field, and "Saved." once the server has the change.
 */
export function useSaveAgent(agentId: string) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<AgentFieldErrors>({});
  const [status, setStatus] = useState("");
  const save = useMutation({
    mutationFn: (changes: UpdateAgentRequest) => updateAgent(agentId, changes),
    onSuccess: (agent) => {
      queryClient.setQueryData(agentQueryKeys.detail(agentId), agent);
      void queryClient.invalidateQueries({ queryKey: ["agents", "list"] });
      setStatus("Saved.");
    },
    onError: (error) => setErrors(agentErrorsFromApiError(error)),
  });
  const failure = isApiError(save.error) && !hasErrors(agentErrorsFromApiError(save.error)) ? save.error.message : null;
  return {
    errors,
    status,
    failure,
    busy: save.isPending,
    /** Shows errors found before sending (the same schema as the server's). */
    refuse: (found: AgentFieldErrors) => {
      setStatus("");
      setErrors(found);
    },
    submit: (changes: UpdateAgentRequest) => {
      setStatus("");
      setErrors({});
      if (Object.keys(changes).length === 0) {
        setStatus("Nothing to save.");
        return;
      }
      save.mutate(changes);
    },
    edited: () => setStatus(""),
  };
}
