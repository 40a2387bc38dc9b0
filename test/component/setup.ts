// Components word everything through the catalogue, which the app fills with every feature's strings.
import "../../renderer/app/catalog";
