module github.com/puzpuzpuz/xsync/v4

go 1.24
