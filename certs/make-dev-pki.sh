#!/bin/sh
# Creates a development PKI for ParkGrid with the openssl command line tool:
#   ca.pem / ca.key                      a development root CA (ECDSA P-256)
#   server-rsa.pem / server-rsa.key      the central system's RSA-3072 certificate
#   server-ecdsa.pem / server-ecdsa.key  the central system's ECDSA P-256 certificate
#   charger-<ID>.pem / charger-<ID>.key  a client certificate per charger (CN = the identity, O = operator)
# For development and tests only: production uses the institution's own CA (see README.md).
#
#   certs/make-dev-pki.sh [--out DIR] [--host NAME]... [--organisation O] [--charger ID]...
#                         [--expired-charger ID]... [--ca-name NAME]
#
# --host adds a DNS name or IP address to the server certificates (localhost and 127.0.0.1 always are).
# --expired-charger makes a client certificate that expired in 2021, for testing that it is refused.
# An existing CA in DIR is reused, so chargers can be added later.
set -eu

out=certs/dev
organisation="ParkGrid Dev Operator"
ca_name="ParkGrid Development CA"
hosts="DNS:localhost,IP:127.0.0.1,IP:::1"
chargers=""
expired=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --host)
      case "$2" in
        *[!0-9.:a-fA-F]*) hosts="$hosts,DNS:$2" ;;
        *) hosts="$hosts,IP:$2" ;;
      esac
      shift 2 ;;
    --organisation) organisation="$2"; shift 2 ;;
    --ca-name) ca_name="$2"; shift 2 ;;
    --charger) chargers="$chargers $2"; shift 2 ;;
    --expired-charger) expired="$expired $2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

mkdir -p "$out"
umask 077
cd "$out"

if [ ! -f ca.key ]; then
  openssl ecparam -name prime256v1 -genkey -noout -out ca.key
  openssl req -new -x509 -key ca.key -sha256 -days 3650 -subj "/O=$organisation/CN=$ca_name" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:1" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem
fi

# sign NAME EXTENSIONS: signs NAME.csr with the CA into NAME.pem.
sign() {
  name="$1"; extensions="$2"; shift 2
  printf '%s\n' "$extensions" > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 16)" \
    -sha256 -days 825 -extfile "$name.ext" -out "$name.pem" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}

server_extensions="basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$hosts"

if [ ! -f server-rsa.key ]; then
  openssl genrsa -out server-rsa.key 3072 2>/dev/null
  openssl req -new -key server-rsa.key -subj "/O=$organisation/CN=localhost" -out server-rsa.csr
  sign server-rsa "$server_extensions"
fi
if [ ! -f server-ecdsa.key ]; then
  openssl ecparam -name prime256v1 -genkey -noout -out server-ecdsa.key
  openssl req -new -key server-ecdsa.key -subj "/O=$organisation/CN=localhost" -out server-ecdsa.csr
  sign server-ecdsa "$server_extensions"
fi

client_extensions="basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"

for id in $chargers; do
  openssl ecparam -name prime256v1 -genkey -noout -out "charger-$id.key"
  openssl req -new -key "charger-$id.key" -subj "/O=$organisation/CN=$id" -out "charger-$id.csr"
  sign "charger-$id" "$client_extensions"
done

# openssl x509 cannot backdate, so expired certificates go through a throwaway 'openssl ca' set-up.
for id in $expired; do
  openssl ecparam -name prime256v1 -genkey -noout -out "charger-$id.key"
  openssl req -new -key "charger-$id.key" -subj "/O=$organisation/CN=$id" -out "charger-$id.csr"
  work=$(mktemp -d)
  : > "$work/index.txt"
  cat > "$work/ca.cnf" <<CONFIG
[ca]
default_ca = dev
[dev]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
organizationName = optional
commonName = supplied
[client]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
CONFIG
  openssl rand -hex 16 > "$work/serial"
  openssl ca -batch -config "$work/ca.cnf" -cert ca.pem -keyfile ca.key -extensions client \
    -startdate 20200101000000Z -enddate 20210101000000Z -in "charger-$id.csr" -out "charger-$id.pem" \
    -notext 2>/dev/null
  rm -rf "$work" "charger-$id.csr"
done

chmod 644 ./*.pem
echo "development PKI in $out: CA ca.pem; server server-rsa.pem, server-ecdsa.pem;${chargers:+ chargers$chargers}${expired:+; expired$expired}"
