-- Accounts move to their own store beside the database (grassroots/access.sql): no sign-in,
-- right or wrong, writes this file any more. Database.write hands the rows of this table to
-- that store before this migration drops it.
DROP TABLE users;
