-- The account MaxScale monitors the server and routes with (local stack only).
CREATE USER IF NOT EXISTS 'maxscale'@'%' IDENTIFIED BY 'maxscale';
GRANT SELECT ON mysql.* TO 'maxscale'@'%';
GRANT SHOW DATABASES, REPLICATION CLIENT, REPLICA MONITOR, SLAVE MONITOR, BINLOG ADMIN, RELOAD, PROCESS, SUPER, READ_ONLY ADMIN, CONNECTION ADMIN ON *.* TO 'maxscale'@'%';
