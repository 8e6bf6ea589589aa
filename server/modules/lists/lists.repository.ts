import { memberGroupRepository } from "../memberships/member-group.repository.ts";

export const listsRepository = memberGroupRepository({ groupTable: "lists", memberTable: "listMembers", groupColumn: "listId" });
