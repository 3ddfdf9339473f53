CREATE TABLE phoenix_signing_key (
  kid VARCHAR(64) PRIMARY KEY,
  algorithm VARCHAR(16) NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  activated_at TIMESTAMP WITH TIME ZONE,
  retired_at TIMESTAMP WITH TIME ZONE,
  public_jwk VARCHAR(4000) NOT NULL,
  private_key_enc VARBINARY(8192) NOT NULL
);
-- the row that serialises key-set changes of several nodes (the application's migrations insert it;
-- left out here so the repository's insert-if-missing is exercised)
CREATE TABLE phoenix_lock (
  name VARCHAR(64) PRIMARY KEY
);
