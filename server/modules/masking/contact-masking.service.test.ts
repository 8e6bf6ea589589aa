import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/database.ts";
import { createServices, type Services } from "../../services.ts";
import { createUser } from "../../test/factories.ts";
import { createTestDatabase } from "../../test/test-database.ts";
import { presentCurrentUser } from "../users/users.presenter.ts";
import { ContactMasking } from "./contact-masking.service.ts";

const contact = { id: "c1", name: "Ada Lovelace", phone: "+1 415 555 0123", email: "ada@example.com", status: "customer", notes: null };

describe("contact masking for a reader", () => {
  let database: DatabaseHandle;
  let services: Services;
  let masking: ContactMasking;

  beforeAll(async () => {
    database = await createTestDatabase();
    services = createServices({ db: database.db, config: { sessionIdleMinutes: 60, sessionMaxHours: 12 } });
    masking = new ContactMasking(database.db, services.settings);
  });
  afterAll(async () => {
    await database.close();
  });

  const setMask = async (userId: string, on: boolean) => {
    await database.db.updateTable("users").set({ maskSensitiveData: on }).where("id", "=", userId).execute();
  };

  it("shows contacts as they are to a reader without mask sensitive data", async () => {
    const { user } = await createUser(services, "agent");
    const masker = await masking.forUser(user.id);
    expect(masker.enabled).toBe(false);
    expect(masker.contact(contact)).toEqual(contact);
  });

  it("masks phone, name and e-mail with the global number of characters, leaving other fields alone", async () => {
    const { user } = await createUser(services, "agent");
    await setMask(user.id, true);
    const admin = await createUser(services, "admin");
    const actor = { principal: { via: "token" as const, user: presentCurrentUser(admin.user), tokenId: "test" }, requestId: "test" };
    await services.settings.updateSecurity(actor, { maskCharacters: 3 });

    const masker = await masking.forUser(user.id);
    expect(masker.enabled).toBe(true);
    expect(masker.contact(contact)).toEqual({ ...contact, name: "Ada Lovel***", phone: "+1 415 555 0***", email: "***@example.com" });
    expect(masker.value(null, "phone")).toBeNull();
    expect(masker.value("+44 20 7946 0958", "phone")).toBe("+44 20 7946 0***");
  });

  it("follows the reader's flag when it changes", async () => {
    const { user } = await createUser(services, "agent");
    await setMask(user.id, true);
    expect((await masking.forUser(user.id)).enabled).toBe(true);
    await setMask(user.id, false);
    expect((await masking.forUser(user.id)).contact(contact)).toEqual(contact);
  });

  it("masks for a reader it cannot find", async () => {
    const masker = await masking.forUser("00000000-0000-4000-8000-000000000000");
    expect(masker.contact(contact).phone).not.toBe(contact.phone);
  });
});
