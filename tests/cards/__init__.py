"""Tests of the ethics card deck."""
