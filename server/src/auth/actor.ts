/** Who is acting: the one shape every policy and command receives. */
export interface Actor {
  id: string;
  name: string;
  /** The user's home unit (成员单位), if any. */
  unit: string | null;
  isAdmin: boolean;
  /** Signed in with a one-time password: may change it or log out, nothing else. */
  mustChangePassword?: boolean;
}
