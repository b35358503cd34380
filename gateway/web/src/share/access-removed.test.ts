import { describe, expect, it } from "vitest";
import { removalOf } from "./access-removed";

describe("the removal of an open file", () => {
  it("is none while the file is connecting, connected, reconnecting, offline or closed by the page", () => {
    expect(removalOf({ status: "connecting", unsent: 0 })).toBeNull();
    expect(removalOf({ status: "connected", unsent: 2 })).toBeNull();
    expect(removalOf({ status: "reconnecting", attempt: 1, retryAt: 0, unsent: 0 })).toBeNull();
    expect(removalOf({ status: "offline", unsent: 0 })).toBeNull();
    expect(removalOf({ status: "closed", reason: "closed", unsent: 0 })).toBeNull();
  });

  it("says access was removed when the gateway revoked it", () => {
    expect(removalOf({ status: "closed", reason: "your access to this file was revoked", unsent: 0 })).toEqual({
      title: "Your access to this file was removed",
      detail: "An admin of the file took it away. Ask its owner to share it again if you need it.",
    });
  });

  it("says the file went to the trash, and how many changes were lost", () => {
    expect(removalOf({ status: "closed", reason: "the file was moved to the trash", unsent: 3 })).toEqual({
      title: "This file was moved to the trash",
      detail: "Its admins can restore it from the trash. 3 changes made here could not be saved.",
    });
  });

  it("gives any other reason of the gateway as it is", () => {
    expect(removalOf({ status: "closed", reason: "file f does not exist or you have no access to it", unsent: 1 })).toEqual({
      title: "Your access to this file was removed",
      detail: "File f does not exist or you have no access to it. 1 change made here could not be saved.",
    });
  });
});
